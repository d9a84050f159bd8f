package dev.spillway.compiler;

import dev.spillway.config.rollout.EvalSetConfig;
import dev.spillway.config.rollout.RolloutConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The EvalSets and ModelRollouts that compiled, and the problems of those that did not. Unlike the
 * router config this is per resource: a broken rollout stops itself, never routing or another
 * rollout. A rollout whose EvalSet is broken is left out too (its problem says so).
 */
public record RolloutCompileResult(
    Map<String, EvalSetConfig> evalSets, Map<String, RolloutConfig> rollouts, List<Problem> problems) {

  public RolloutCompileResult {
    evalSets = Map.copyOf(evalSets);
    rollouts = Map.copyOf(rollouts);
    problems = List.copyOf(problems);
  }

  public Optional<RolloutConfig> rollout(String name) {
    return Optional.ofNullable(rollouts.get(name));
  }

  /** The problems of one resource. */
  public List<Problem> problemsOf(String kind, String name) {
    return problems.stream().filter(p -> p.kind().equals(kind) && p.name().equals(name)).toList();
  }
}
