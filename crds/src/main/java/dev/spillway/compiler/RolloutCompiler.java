package dev.spillway.compiler;

import dev.spillway.api.v1alpha1.CanaryGuards;
import dev.spillway.api.v1alpha1.CanarySpec;
import dev.spillway.api.v1alpha1.EvalSet;
import dev.spillway.api.v1alpha1.ModelRollout;
import dev.spillway.api.v1alpha1.ModelRolloutSpec;
import dev.spillway.api.v1alpha1.RolloutGate;
import dev.spillway.api.v1alpha1.ShadowSpec;
import dev.spillway.config.ModelConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.config.TargetConfig;
import dev.spillway.config.rollout.EvalSetConfig;
import dev.spillway.config.rollout.RolloutConfig;
import dev.spillway.config.rollout.RolloutConfig.CanaryConfig;
import dev.spillway.config.rollout.RolloutConfig.GateConfig;
import dev.spillway.config.rollout.RolloutConfig.GuardsConfig;
import dev.spillway.config.rollout.RolloutConfig.ShadowConfig;
import dev.spillway.config.rollout.RolloutConfig.StepConfig;
import java.util.ArrayList;
import java.util.List;
import dev.spillway.api.v1alpha1.ProviderKind;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * EvalSets and ModelRollouts → their configs, against a compiled router config (the models,
 * targets and accounts they name). Pure and thread-safe, like {@link ConfigCompiler}.
 */
public final class RolloutCompiler {
  private static final Range SHARE = Range.between(0, 1);

  public RolloutCompileResult compile(RolloutResources resources, RouterConfig config) {
    ProblemLog log = new ProblemLog();
    Map<String, EvalSet> setResources = UniqueNames.index(ProblemLog.EVAL_SET, resources.evalSets(), log);
    Map<String, ModelRollout> rolloutResources =
        UniqueNames.index(ProblemLog.MODEL_ROLLOUT, resources.rollouts(), log);

    EvalSetCompiler setCompiler = new EvalSetCompiler(resources.configMaps(), config.models().keySet());
    Map<String, EvalSetConfig> sets = new TreeMap<>();
    setResources.forEach((name, set) -> {
      int before = log.problems().size();
      EvalSetConfig compiled = setCompiler.compile(name, set.getSpec(), log.checker(ProblemLog.EVAL_SET, name));
      if (compiled != null && log.problems().size() == before) {
        sets.put(name, compiled);
      }
    });
    Map<String, RolloutConfig> rollouts = new TreeMap<>();
    rolloutResources.forEach((name, rollout) -> {
      int before = log.problems().size();
      RolloutConfig compiled = rollout(name, rollout.getSpec(), config, setResources, sets,
          log.checker(ProblemLog.MODEL_ROLLOUT, name));
      if (compiled != null && log.problems().size() == before) {
        rollouts.put(name, compiled);
      }
    });
    return new RolloutCompileResult(sets, rollouts, log.problems());
  }

  private static RolloutConfig rollout(String name, ModelRolloutSpec spec, RouterConfig config,
      Map<String, EvalSet> setResources, Map<String, EvalSetConfig> sets, FieldChecker check) {
    if (!check.require("spec", spec, "a ModelRollout needs model, candidate and evalSet")) {
      return null;
    }
    ModelConfig model = null;
    if (check.require("spec.model", spec.model, "the LogicalModel whose targets change")) {
      model = config.models().get(spec.model);
      if (model == null) {
        check.report("spec.model", "unknown LogicalModel \"" + spec.model + "\"" + Names.known("models", config.models().keySet()));
      }
    }
    if (check.require("spec.evalSet", spec.evalSet, "the EvalSet both sides are measured on")) {
      if (!setResources.containsKey(spec.evalSet)) {
        check.report("spec.evalSet", "unknown EvalSet \"" + spec.evalSet + "\"" + Names.known("EvalSets", setResources.keySet()));
      } else if (!sets.containsKey(spec.evalSet)) {
        check.report("spec.evalSet", "EvalSet \"" + spec.evalSet + "\" has problems of its own: see its status");
      }
    }
    if (!check.require("spec.candidate", spec.candidate, "the new target: account and model") || model == null) {
      return null;
    }
    Map<String, ProviderKind> providers = new HashMap<>();
    config.accounts().forEach((account, compiled) -> providers.put(account, compiled.provider()));
    TargetConfig candidate = new ModelCompiler(providers)
        .target("spec.candidate", spec.candidate, model.capabilities(), check);
    String incumbent = incumbent(spec, model, candidate, check);
    return new RolloutConfig(name, spec.model, candidate, incumbent, spec.replaces, spec.evalSet,
        gate(spec.gate, check), shadow(spec.shadow, check), canary(spec.canary, check));
  }

  /** The replaced target, or the model's first; the candidate must be new to the model. */
  private static String incumbent(ModelRolloutSpec spec, ModelConfig model, TargetConfig candidate, FieldChecker check) {
    List<String> ids = model.targets().stream().map(TargetConfig::id).toList();
    if (ids.contains(candidate.id())) {
      check.report("spec.candidate", candidate.id() + " is already a target of LogicalModel \"" + model.name()
          + "\": a candidate must be a new account/model");
    }
    if (spec.replaces == null) {
      return ids.isEmpty() ? "" : ids.get(0);
    }
    if (!ids.contains(spec.replaces)) {
      check.report("spec.replaces", "\"" + spec.replaces + "\" is not a target of LogicalModel \"" + model.name()
          + "\"; its targets: " + String.join(", ", ids));
    }
    return spec.replaces;
  }

  private static GateConfig gate(RolloutGate gate, FieldChecker check) {
    if (gate == null) {
      return GateConfig.DEFAULT;
    }
    return new GateConfig(
        check.number("spec.gate.tolerance", gate.tolerance, SHARE, 0),
        check.optionalNumber("spec.gate.minScore", gate.minScore, SHARE),
        check.optionalNumber("spec.gate.maxLatencyRatio", gate.maxLatencyRatio, Range.above(0)),
        check.optionalNumber("spec.gate.maxCostRatio", gate.maxCostRatio, Range.above(0)));
  }

  private static ShadowConfig shadow(ShadowSpec shadow, FieldChecker check) {
    if (shadow == null) {
      return null;
    }
    check.require("spec.shadow.percent", shadow.percent, "the share of live calls mirrored, e.g. 10");
    check.require("spec.shadow.duration", shadow.duration, "how long to shadow, e.g. 10m");
    return new ShadowConfig(
        check.number("spec.shadow.percent", shadow.percent, Range.aboveUpTo(0, 100), 0),
        check.duration("spec.shadow.duration", shadow.duration, 0),
        check.optionalNumber("spec.shadow.maxSpendUsd", shadow.maxSpendUsd, Range.atLeast(0)));
  }

  private static CanaryConfig canary(CanarySpec canary, FieldChecker check) {
    if (canary == null) {
      return null;
    }
    List<StepConfig> steps = new ArrayList<>();
    if (canary.steps == null || canary.steps.isEmpty()) {
      check.report("spec.canary.steps", "needs at least one step, e.g. {percent: 5, duration: 10m}");
    }
    double previous = 0;
    for (int i = 0; canary.steps != null && i < canary.steps.size(); i++) {
      String field = "spec.canary.steps[" + i + "]";
      var step = canary.steps.get(i);
      if (step == null) {
        check.report(field, "is empty: a step needs percent and duration");
        continue;
      }
      check.require(field + ".percent", step.percent, "the candidate's share of calls, e.g. 5");
      check.require(field + ".duration", step.duration, "how long the step lasts, e.g. 10m");
      double percent = check.number(field + ".percent", step.percent, Range.aboveUpTo(0, 100), previous);
      if (step.percent != null && percent <= previous && i > 0) {
        check.report(field + ".percent", "must be greater than the previous step's " + Range.format(previous)
            + ": steps only grow");
      }
      previous = Math.max(previous, percent);
      steps.add(new StepConfig(percent, check.duration(field + ".duration", step.duration, 0)));
    }
    return new CanaryConfig(steps, guards(canary.guards, check));
  }

  private static GuardsConfig guards(CanaryGuards guards, FieldChecker check) {
    GuardsConfig d = GuardsConfig.DEFAULT;
    if (guards == null) {
      return d;
    }
    String field = "spec.canary.guards.";
    return new GuardsConfig(
        check.number(field + "maxErrorRateIncrease", guards.maxErrorRateIncrease, SHARE, d.maxErrorRateIncrease()),
        check.number(field + "maxP95Ratio", guards.maxP95Ratio, Range.above(0), d.maxP95Ratio()),
        check.number(field + "maxCheckFailureIncrease", guards.maxCheckFailureIncrease, SHARE,
            d.maxCheckFailureIncrease()),
        check.number(field + "maxDriftSigma", guards.maxDriftSigma, Range.above(0), d.maxDriftSigma()),
        check.integer(field + "minCalls", guards.minCalls, Range.atLeast(1), d.minCalls()));
  }
}
