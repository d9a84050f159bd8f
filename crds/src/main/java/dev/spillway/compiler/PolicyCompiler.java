package dev.spillway.compiler;

import dev.spillway.api.v1alpha1.CallerFallbacksSpec;
import dev.spillway.api.v1alpha1.ExperimentSpec;
import dev.spillway.api.v1alpha1.PolicyMatch;
import dev.spillway.api.v1alpha1.Route;
import dev.spillway.api.v1alpha1.RoutingPolicySpec;
import dev.spillway.config.CallerFallbacksConfig;
import dev.spillway.config.ExperimentConfig;
import dev.spillway.config.MatchConfig;
import dev.spillway.config.ModelConfig;
import dev.spillway.config.PolicyConfig;
import dev.spillway.config.TargetConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * RoutingPolicy → {@link PolicyConfig}: the match, the route and the checks that need the compiled
 * models. The resilience blocks are compiled by {@link ResilienceCompiler}.
 */
final class PolicyCompiler {
  private final Map<String, ModelConfig> models;
  private final Set<String> consumers;

  /**
   * @param models every compiled model, chains expanded
   * @param consumers the name of every Consumer, valid or not
   */
  PolicyCompiler(Map<String, ModelConfig> models, Set<String> consumers) {
    this.models = models;
    this.consumers = consumers;
  }

  PolicyConfig compile(String name, RoutingPolicySpec spec, FieldChecker check) {
    if (!check.require("spec", spec, "a RoutingPolicy needs a spec with at least a priority")) {
      return null;
    }
    check.require("spec.priority", spec.priority, "a unique integer, higher policies are tried first");
    MatchConfig match = match(spec.match, check);
    List<NamedModel> entries = routeEntries(spec.route, check);
    List<String> route = expand(entries);
    // What this policy can send traffic to: its route, else the models it matches, else any model.
    List<NamedModel> direct = entries.isEmpty() ? matchedModels(spec.match) : entries;
    List<String> reachable = route.isEmpty() ? expand(direct) : route;
    if (reachable.isEmpty() && match.models().isEmpty()) {
      reachable = List.copyOf(models.keySet());
    }
    int minTier = check.integer("spec.minTier", spec.minTier, Range.atLeast(1), 0);
    checkMinTier(minTier, reachable, check);
    if (Boolean.TRUE.equals(match.streaming())) {
      checkStreamable(direct, check);
    }
    PolicyConfig compiled = new PolicyConfig(
        name,
        spec.priority == null ? 0 : spec.priority,
        match,
        route,
        check.optionalInteger("spec.maxFallbackDepth", spec.maxFallbackDepth, Range.atLeast(0)),
        minTier,
        TimeoutCompiler.overrides(spec.timeouts, check),
        ResilienceCompiler.triggers(spec.triggers, check),
        ResilienceCompiler.circuitBreaker(spec.circuitBreaker, check),
        ResilienceCompiler.retry(spec.retry, check),
        ResilienceCompiler.hedge(spec.hedge, check),
        ResilienceCompiler.stickiness(spec.stickiness, check),
        experiment(spec.experiment, reachable, check),
        ResilienceCompiler.scoring(spec.scoring, check),
        QualityCompiler.compile(spec.quality, check),
        JobsCompiler.compile(spec.jobs, check),
        callerFallbacks(spec.callerFallbacks, check),
        Boolean.TRUE.equals(spec.contentPolicyFallback),
        RegionsCompiler.compile(spec.regions, check));
    // Without a priority the policy has no place in the order (reported above), nor in a clash.
    return spec.priority == null ? null : compiled;
  }

  private MatchConfig match(PolicyMatch match, FieldChecker check) {
    if (match == null) {
      return MatchConfig.ANY;
    }
    List<String> modelNames = match.models == null ? List.of() : match.models;
    List<String> knownModels = new ArrayList<>();
    for (int i = 0; i < modelNames.size(); i++) {
      if (known("spec.match.models[" + i + "]", modelNames.get(i), check)) {
        knownModels.add(modelNames.get(i));
      }
    }
    return new MatchConfig(
        check.words("spec.match.stepTypes", match.stepTypes),
        check.words("spec.match.purposes", match.purposes),
        knownModels,
        headers(match.headers, check),
        match.streaming,
        knownConsumers(match.consumers, check));
  }

  private List<String> knownConsumers(List<String> names, FieldChecker check) {
    List<String> words = check.words("spec.match.consumers", names);
    if (words != null) {
      for (int i = 0; i < words.size(); i++) {
        if (!consumers.contains(words.get(i))) {
          check.report("spec.match.consumers[" + i + "]", "no Consumer named \"" + words.get(i) + "\"");
        }
      }
    }
    return words;
  }

  /** Header names compare case-insensitively, so they are stored lower case. */
  private static Map<String, String> headers(Map<String, String> headers, FieldChecker check) {
    Map<String, String> lower = new TreeMap<>();
    if (headers == null) {
      return lower;
    }
    headers.forEach((header, value) -> {
      String field = "spec.match.headers." + header;
      if (value == null) {
        check.report(field, "needs a value to match");
      } else if (lower.put(header.toLowerCase(Locale.ROOT), value) != null) {
        check.report(field, "header names ignore case: \"" + header + "\" is given twice");
      }
    });
    return lower;
  }

  private List<NamedModel> routeEntries(Route route, FieldChecker check) {
    List<NamedModel> entries = new ArrayList<>();
    if (route == null) {
      return entries;
    }
    if (check.require("spec.route.model", route.model, "the LogicalModel that serves matching calls")
        && known("spec.route.model", route.model, check)) {
      entries.add(new NamedModel("spec.route.model", route.model));
    }
    List<String> fallbacks = route.fallbacks == null ? List.of() : route.fallbacks;
    for (int i = 0; i < fallbacks.size(); i++) {
      String field = "spec.route.fallbacks[" + i + "]";
      if (known(field, fallbacks.get(i), check)) {
        entries.add(new NamedModel(field, fallbacks.get(i)));
      }
    }
    return entries;
  }

  /** The known models of match.models, each with the field that names it. */
  private List<NamedModel> matchedModels(PolicyMatch match) {
    List<NamedModel> named = new ArrayList<>();
    List<String> given = match == null || match.models == null ? List.of() : match.models;
    for (int i = 0; i < given.size(); i++) {
      if (given.get(i) != null && models.containsKey(given.get(i))) {
        named.add(new NamedModel("spec.match.models[" + i + "]", given.get(i)));
      }
    }
    return named;
  }

  /** Each model's chain in turn, keeping the first occurrence of a model named twice. */
  private List<String> expand(List<NamedModel> entries) {
    LinkedHashSet<String> route = new LinkedHashSet<>();
    entries.forEach(entry -> route.addAll(models.get(entry.model()).chain()));
    return List.copyOf(route);
  }

  private boolean known(String field, String model, FieldChecker check) {
    if (model != null && models.containsKey(model)) {
      return true;
    }
    check.report(field, "unknown LogicalModel \"" + model + "\"" + Names.known("logical models", models.keySet()));
    return false;
  }

  private void checkMinTier(int minTier, List<String> reachable, FieldChecker check) {
    if (minTier < 1 || reachable.isEmpty()) {
      return;
    }
    List<TargetConfig> targets = targetsOf(reachable);
    if (!targets.isEmpty() && targets.stream().noneMatch(t -> t.tier() <= minTier)) {
      check.report("spec.minTier", "no routed target has tier " + minTier + " or better (1 is the best): "
          + targets.stream().map(t -> t.id() + " has tier " + t.tier()).collect(Collectors.joining(", ")));
    }
  }

  /** A streaming-only policy must not name a model that cannot stream at all. */
  private void checkStreamable(List<NamedModel> direct, FieldChecker check) {
    for (NamedModel entry : direct) {
      ModelConfig model = models.get(entry.model());
      if (model.targets().stream().noneMatch(t -> t.capabilities().streaming())) {
        check.report("spec.match.streaming", "this policy matches only streaming calls, but "
            + entry.field() + " names LogicalModel \"" + model.name()
            + "\", which has no streaming-capable target");
      }
    }
  }

  private ExperimentConfig experiment(ExperimentSpec experiment, List<String> reachable, FieldChecker check) {
    if (experiment == null) {
      return null;
    }
    Map<String, Integer> weights = experiment.weights == null ? Map.of() : experiment.weights;
    if (weights.isEmpty() || weights.values().stream().allMatch(w -> w == null || w == 0)) {
      check.report("spec.experiment.weights", "needs at least one target with a weight above 0");
    }
    Set<String> targetIds = targetsOf(reachable).stream().map(TargetConfig::id)
        .collect(Collectors.toCollection(LinkedHashSet::new));
    Map<String, Integer> checked = new LinkedHashMap<>();
    weights.forEach((target, weight) -> {
      String field = "spec.experiment.weights." + target;
      if (!targetIds.contains(target)) {
        check.report(field, "\"" + target + "\" is not a target of the routed models; use account/model,"
            + " one of: " + String.join(", ", targetIds));
      }
      if (check.require(field, weight, "a weight of 0 or more")) {
        checked.put(target, check.integer(field, weight, Range.atLeast(0), 0));
      }
    });
    return new ExperimentConfig(checked);
  }

  /** Null when the policy sets nothing: any known model may be named. */
  private CallerFallbacksConfig callerFallbacks(CallerFallbacksSpec given, FieldChecker check) {
    if (given == null) {
      return null;
    }
    boolean allowed = given.allow == null || given.allow;
    List<String> named = given.models == null ? List.of() : check.words("spec.callerFallbacks.models", given.models);
    if (!allowed && !named.isEmpty()) {
      check.report("spec.callerFallbacks.models", "lists models a caller may name, but spec.callerFallbacks.allow"
          + " is false: remove one of the two");
    }
    List<String> allowedModels = new ArrayList<>();
    for (int i = 0; i < named.size(); i++) {
      if (known("spec.callerFallbacks.models[" + i + "]", named.get(i), check)) {
        allowedModels.add(named.get(i));
      }
    }
    return new CallerFallbacksConfig(allowed, allowedModels);
  }

  private List<TargetConfig> targetsOf(List<String> modelNames) {
    return modelNames.stream().flatMap(m -> models.get(m).targets().stream()).collect(Collectors.toList());
  }

  /** A model named in the policy and the field that names it, for messages. */
  private record NamedModel(String field, String model) {}
}
