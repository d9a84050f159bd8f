package dev.spillway.compiler;

import dev.spillway.api.v1alpha1.EvalSet;
import dev.spillway.api.v1alpha1.ModelRollout;
import java.util.List;
import java.util.Map;

/**
 * What the rollout compiler reads besides the router config: EvalSets, ModelRollouts and the
 * ConfigMaps EvalSets take JSONL cases from (name → key → value), of one namespace or folder.
 */
public record RolloutResources(
    List<EvalSet> evalSets, List<ModelRollout> rollouts, Map<String, Map<String, String>> configMaps) {

  public RolloutResources {
    evalSets = List.copyOf(evalSets);
    rollouts = List.copyOf(rollouts);
    configMaps = Map.copyOf(configMaps);
  }
}
