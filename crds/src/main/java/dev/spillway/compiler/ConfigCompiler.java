package dev.spillway.compiler;

import dev.spillway.config.AccountConfig;
import dev.spillway.config.ClientAuthConfig;
import dev.spillway.config.ClientKeyDigest;
import dev.spillway.config.ConsumerConfig;
import dev.spillway.config.ModelConfig;
import dev.spillway.config.PolicyConfig;
import dev.spillway.config.RouterConfig;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import dev.spillway.api.v1alpha1.ProviderKind;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one place that knows what the resources mean: turns a {@link ResourceSet} into a {@link
 * dev.spillway.config.RouterConfig}, or into every problem found. Pure and thread-safe: all state
 * lives in the call.
 */
public final class ConfigCompiler {
  /** Highest priority first; names break ties so the order never depends on the input's. */
  private static final Comparator<PolicyConfig> EVALUATION_ORDER =
      Comparator.comparingInt(PolicyConfig::priority).reversed().thenComparing(PolicyConfig::name);

  public CompileResult compile(ResourceSet resources) {
    ProblemLog log = new ProblemLog();
    var accountResources = UniqueNames.index(ProblemLog.PROVIDER_ACCOUNT, resources.accounts(), log);
    var modelResources = UniqueNames.index(ProblemLog.LOGICAL_MODEL, resources.models(), log);
    var policyResources = UniqueNames.index(ProblemLog.ROUTING_POLICY, resources.policies(), log);
    var consumerResources = UniqueNames.index(ProblemLog.CONSUMER, resources.consumers(), log);

    AccountCompiler accountCompiler = new AccountCompiler(resources.secrets());
    Map<String, AccountConfig> accounts = compileEach(ProblemLog.PROVIDER_ACCOUNT, accountResources, log,
        (name, account, check) -> accountCompiler.compile(name, account.getSpec(), check));
    // Against every named account, even a broken one: its problem is reported once, on the account.
    Map<String, ProviderKind> providers = new HashMap<>();
    accountResources.forEach((name, account) ->
        providers.put(name, account.getSpec() == null ? null : account.getSpec().provider));
    ModelCompiler modelCompiler = new ModelCompiler(providers);
    Map<String, ModelConfig> models = FallbackChains.expand(
        compileEach(ProblemLog.LOGICAL_MODEL, modelResources, log,
            (name, model, check) -> modelCompiler.compile(name, model.getSpec(), check)),
        log);
    PolicyCompiler policyCompiler = new PolicyCompiler(models, consumerResources.keySet());
    List<PolicyConfig> policies = new ArrayList<>(compileEach(ProblemLog.ROUTING_POLICY, policyResources, log,
        (name, policy, check) -> policyCompiler.compile(name, policy.getSpec(), check)).values());
    policies.sort(EVALUATION_ORDER);
    PriorityConflicts.report(policies, log);
    String salt = ClientKeyDigest.saltFor(resources.source());
    ConsumerCompiler consumerCompiler =
        new ConsumerCompiler(resources.secrets(), salt, modelResources.keySet(), policyResources.keySet());
    Map<String, ConsumerConfig> consumers = compileEach(ProblemLog.CONSUMER, consumerResources, log,
        (name, consumer, check) -> consumerCompiler.compile(name, consumer.getSpec(), check));

    if (!log.isEmpty()) {
      return CompileResult.failure(log.problems());
    }
    RouterConfig config =
        new RouterConfig("", resources.source(), accounts, models, policies, DefaultPolicy.INSTANCE,
            new ClientAuthConfig(salt, consumers));
    return CompileResult.success(ConfigVersion.stamp(config));
  }

  /** Compiles each resource of one kind, leaving out those too broken to build (already reported). */
  private static <R extends HasMetadata, C> Map<String, C> compileEach(
      String kind, Map<String, R> resources, ProblemLog log, KindCompiler<R, C> compiler) {
    Map<String, C> compiled = new TreeMap<>();
    resources.forEach((name, resource) -> {
      C result = compiler.compile(name, resource, log.checker(kind, name));
      if (result != null) {
        compiled.put(name, result);
      }
    });
    return compiled;
  }

  @FunctionalInterface
  private interface KindCompiler<R, C> {
    C compile(String name, R resource, FieldChecker check);
  }
}
