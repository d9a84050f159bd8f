package dev.spillway.compiler;

import dev.spillway.api.v1alpha1.Capabilities;
import dev.spillway.api.v1alpha1.Endpoint;
import dev.spillway.api.v1alpha1.LogicalModelSpec;
import dev.spillway.api.v1alpha1.ModelTarget;
import dev.spillway.api.v1alpha1.Pricing;
import dev.spillway.api.v1alpha1.ProviderKind;
import dev.spillway.api.v1alpha1.RequestDefaults;
import dev.spillway.config.CapabilitySet;
import dev.spillway.config.DefaultsConfig;
import dev.spillway.config.ModelConfig;
import dev.spillway.config.PricingConfig;
import dev.spillway.config.TargetConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * LogicalModel → {@link ModelConfig}, without its fallback chain: the chain needs every model and is
 * expanded afterwards by {@link FallbackChains}.
 */
final class ModelCompiler {
  static final int MAX_STOP_SEQUENCES = 4;

  /** A LogicalModel resource's capabilities before it says anything: chat only. */
  static final CapabilitySet RESOURCE_DEFAULTS = CapabilitySet.DEFAULTS.serving(Endpoint.DEFAULT);

  private final Set<String> accountNames;
  /** Each account's provider (null where the account has none: reported on the account). */
  private final Map<String, ProviderKind> providers;

  ModelCompiler(Map<String, ProviderKind> providers) {
    this.accountNames = providers.keySet();
    this.providers = providers;
  }

  ModelConfig compile(String name, LogicalModelSpec spec, FieldChecker check) {
    if (!check.require("spec", spec, "a LogicalModel needs a spec with at least one target")) {
      return null;
    }
    CapabilitySet capabilities =
        capabilities("spec.capabilities", RESOURCE_DEFAULTS, spec.capabilities, check);
    List<TargetConfig> targets = targets(spec.targets, capabilities, check);
    EndpointChecks.servedByATarget("spec.capabilities.endpoints", capabilities.endpoints(), targets, providers, check);
    return new ModelConfig(
        name,
        spec.description,
        capabilities,
        defaults(spec.defaults, capabilities.contextWindow(), check),
        targets,
        spec.fallback,
        List.of());
  }

  /** Each field set in {@code given} replaces the one in {@code base}. */
  static CapabilitySet capabilities(
      String field, CapabilitySet base, Capabilities given, FieldChecker check) {
    if (given == null) {
      return base;
    }
    return new CapabilitySet(
        given.streaming != null ? given.streaming : base.streaming(),
        given.tools != null ? given.tools : base.tools(),
        given.vision != null ? given.vision : base.vision(),
        given.jsonMode != null ? given.jsonMode : base.jsonMode(),
        given.structuredOutputs != null ? given.structuredOutputs : base.structuredOutputs(),
        check.integer(field + ".contextWindow", given.contextWindow, Range.above(0), base.contextWindow()),
        given.reasoning != null ? given.reasoning : base.reasoning(),
        EndpointChecks.listed(field + ".endpoints", given.endpoints, base.endpoints(), check));
  }

  private static DefaultsConfig defaults(RequestDefaults given, int contextWindow, FieldChecker check) {
    if (given == null) {
      return DefaultsConfig.NONE;
    }
    String field = "spec.defaults.";
    if (given.stop != null && given.stop.size() > MAX_STOP_SEQUENCES) {
      check.report(field + "stop", "allows at most " + MAX_STOP_SEQUENCES + " stop sequences, got "
          + given.stop.size());
    }
    return new DefaultsConfig(
        check.optionalNumber(field + "temperature", given.temperature, Range.between(0, 2)),
        check.optionalInteger(field + "maxTokens", given.maxTokens, Range.between(1, contextWindow)),
        check.optionalNumber(field + "topP", given.topP, Range.between(0, 1)),
        check.words(field + "stop", given.stop));
  }

  private List<TargetConfig> targets(
      List<ModelTarget> given, CapabilitySet modelCapabilities, FieldChecker check) {
    if (given == null || given.isEmpty()) {
      check.report("spec.targets", "needs at least one target: an account and the provider's model id");
      return List.of();
    }
    List<PrioritisedTarget> targets = new ArrayList<>();
    Map<String, Integer> firstIndexById = new HashMap<>();
    for (int i = 0; i < given.size(); i++) {
      String field = "spec.targets[" + i + "]";
      ModelTarget target = given.get(i);
      if (target == null) {
        check.report(field, "is empty: a target needs an account and a model");
        continue;
      }
      TargetConfig compiled = target(field, target, modelCapabilities, check);
      Integer earlier = firstIndexById.putIfAbsent(compiled.id(), i);
      if (earlier != null) {
        check.report(field, "duplicate target " + compiled.id() + ": same account and model as"
            + " spec.targets[" + earlier + "]");
      }
      targets.add(new PrioritisedTarget(
          check.integer(field + ".priority", target.priority, Range.atLeast(0), i), compiled));
    }
    // A stable sort: equal priorities keep their list order.
    return targets.stream()
        .sorted(Comparator.comparingInt(PrioritisedTarget::priority))
        .map(PrioritisedTarget::target)
        .collect(Collectors.toList());
  }

  /** One target; also a ModelRollout's candidate, which must mean what it would in the model. */
  TargetConfig target(
      String field, ModelTarget target, CapabilitySet modelCapabilities, FieldChecker check) {
    if (check.require(field + ".account", target.account, "the name of a ProviderAccount")
        && !accountNames.contains(target.account)) {
      check.report(field + ".account", "unknown ProviderAccount \"" + target.account + "\""
          + Names.known("accounts", accountNames));
    }
    check.require(field + ".model", target.model, "the provider's model id, e.g. gpt-4o-mini");
    return new TargetConfig(
        TargetConfig.idOf(target.account, target.model),
        target.account,
        target.model,
        check.integer(field + ".tier", target.tier, Range.atLeast(1), 1),
        check.integer(field + ".weight", target.weight, Range.atLeast(0), 1),
        EndpointChecks.forProvider(field + ".capabilities.endpoints",
            capabilities(field + ".capabilities", modelCapabilities, target.capabilities, check),
            target.capabilities != null && target.capabilities.endpoints != null, providers.get(target.account), check),
        pricing(field + ".pricing", target.pricing, check));
  }

  private static PricingConfig pricing(String field, Pricing pricing, FieldChecker check) {
    if (pricing == null) {
      return PricingConfig.FREE;
    }
    Range price = Range.atLeast(0);
    return new PricingConfig(
        check.number(field + ".inputPerMTok", pricing.inputPerMTok, price, 0),
        check.number(field + ".outputPerMTok", pricing.outputPerMTok, price, 0),
        check.number(field + ".cachedInputPerMTok", pricing.cachedInputPerMTok, price, 0),
        check.optionalNumber(field + ".cacheWriteInputPerMTok", pricing.cacheWriteInputPerMTok, price),
        check.number(field + ".videoPerSecond", pricing.videoPerSecond, price, 0));
  }

  private record PrioritisedTarget(int priority, TargetConfig target) {}
}
