package dev.spillway.proxy.cli.drill;

import dev.spillway.api.v1alpha1.ProviderAccount;
import dev.spillway.api.v1alpha1.SimulatedFault;
import dev.spillway.compiler.CompileResult;
import dev.spillway.compiler.ConfigCompiler;
import dev.spillway.compiler.LoadedResources;
import dev.spillway.compiler.Problem;
import dev.spillway.compiler.ResourceYaml;
import dev.spillway.compiler.SecretCatalog;
import dev.spillway.config.AccountConfig;
import dev.spillway.config.CircuitBreakerConfig;
import dev.spillway.config.PolicyConfig;
import dev.spillway.config.ModelConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.config.TargetConfig;
import dev.spillway.proxy.http.Json;
import dev.spillway.proxy.routing.PolicyMatcher;
import dev.spillway.proxy.routing.RequestFacts;
import dev.spillway.proxy.routing.RequestParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A folder's config with one more fault in its model's primary account: the account's own
 * simulation fault schedule gets an {@code error} window ({@code 503}) from {@code faultAt} for
 * {@code faultFor} after load, so the fault comes and goes on its own, exactly as a fault written in
 * the YAML would. The folder itself is left as it is.
 *
 * @param primary the model's first target, which the fault hits
 * @param secrets the folder's Secrets (credentials of accounts that need them)
 * @param faultFor how long the outage lasts
 */
record FaultedConfig(
    RouterConfig config, TargetConfig primary, Map<String, Map<String, String>> secrets, Duration faultFor) {
  /** The status the injected fault answers with: an outage, which fails calls over. */
  static final int FAULT_STATUS = 503;
  /** The default outage's share of the circuit's cool-down (see {@link #defaultOutage}). */
  static final double OUTAGE_SHARE_OF_COOL_DOWN = 0.75;

  /**
   * @throws IllegalArgumentException with one readable line when the folder does not compile, has
   *     no such model, or the model's primary is not a simulated account or has nothing to fail over to
   */
  static FaultedConfig load(Path folder, SecretCatalog envSecrets, String modelName, Duration faultAt, Duration faultFor) {
    LoadedResources loaded = ResourceYaml.readFolder(folder);
    RouterConfig plain = compile(loaded, envSecrets, folder);
    ModelConfig model = plain.model(modelName).orElseThrow(() -> new IllegalArgumentException("no LogicalModel '"
        + modelName + "' in " + folder + "; it has " + String.join(", ", plain.models().keySet())));
    if (model.targets().size() < 2 && model.fallback() == null) {
      throw new IllegalArgumentException("LogicalModel '" + modelName
          + "' has one target and no fallback model: there is nothing to fail over to");
    }
    TargetConfig primary = model.targets().get(0);
    Duration outage = faultFor != null ? faultFor : defaultOutage(plain, modelName);
    AccountConfig account = plain.account(primary.account());
    if (account.simulation() == null) {
      throw new IllegalArgumentException("the primary of LogicalModel '" + modelName + "' is account '" + account.name()
          + "' (provider " + account.provider() + "): the drill injects its fault through a simulated account's fault"
          + " schedule, so pick a model whose first target is a simulated account (--model)");
    }
    ProviderAccount resource = loaded.accounts().stream()
        .filter(each -> each.getMetadata().getName().equals(account.name())).findFirst().orElseThrow();
    List<SimulatedFault> faults = resource.getSpec().simulation.faults == null
        ? new ArrayList<>() : new ArrayList<>(resource.getSpec().simulation.faults);
    // First, so it wins over the account's own faults while it lasts (the first active fault wins).
    faults.add(0, outage(faultAt, outage));
    resource.getSpec().simulation.faults = faults;
    return new FaultedConfig(compile(loaded, envSecrets, folder), primary, loaded.secrets(), outage);
  }

  /**
   * Three quarters of the cool-down of the circuit the drill's calls go through (its policy's
   * {@code openFor}): the circuit opens within a few calls of the outage's start, so the outage is
   * over when the first half-open probe goes out, the probe passes and the recovery ramp starts at
   * once. A longer outage is a fine drill too, only slower: a probe that meets the outage re-opens
   * the circuit for twice the cool-down (the protective default for a provider still down), which
   * is why the drill does not pick one by default.
   */
  static Duration defaultOutage(RouterConfig config, String model) {
    RequestFacts facts = RequestParser.parse(Json.MAPPER.valueToTree(Map.of("model", model,
        "messages", List.of(Map.of("role", "user", "content", "drill")))), Map.of());
    PolicyConfig policy = PolicyMatcher.match(config, facts);
    CircuitBreakerConfig breaker = policy.circuitBreaker() == null ? CircuitBreakerConfig.DEFAULTS : policy.circuitBreaker();
    return Duration.ofMillis(Math.max(1000, (long) (breaker.openForMs() * OUTAGE_SHARE_OF_COOL_DOWN)));
  }

  private static SimulatedFault outage(Duration at, Duration lasting) {
    SimulatedFault fault = new SimulatedFault();
    fault.kind = "error";
    fault.status = FAULT_STATUS;
    fault.start = at.toMillis() + "ms";
    fault.duration = lasting.toMillis() + "ms";
    return fault;
  }

  private static RouterConfig compile(LoadedResources loaded, SecretCatalog envSecrets, Path folder) {
    List<Problem> problems = new ArrayList<>(loaded.problems());
    CompileResult compiled = new ConfigCompiler().compile(loaded.toResourceSet(envSecrets));
    problems.addAll(compiled.problems());
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(folder + " does not compile: "
          + problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
    }
    return compiled.config();
  }
}
