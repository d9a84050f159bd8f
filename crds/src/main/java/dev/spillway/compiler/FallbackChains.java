package dev.spillway.compiler;

import dev.spillway.config.ModelConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Expands each LogicalModel's {@code fallback} into its chain (the model, its fallback, that one's
 * fallback, …) and reports unknown fallbacks and cycles.
 */
final class FallbackChains {
  private FallbackChains() {}

  /**
   * The models with their chains set. Every model on a cycle gets a problem showing the cycle from
   * its own point of view, e.g. {@code a -> b -> a}.
   */
  static Map<String, ModelConfig> expand(Map<String, ModelConfig> models, ProblemLog problems) {
    Map<String, ModelConfig> result = new TreeMap<>();
    for (ModelConfig model : models.values()) {
      LinkedHashSet<String> chain = new LinkedHashSet<>();
      String current = model.name();
      while (current != null && models.containsKey(current) && chain.add(current)) {
        current = models.get(current).fallback();
      }
      String fallback = model.fallback();
      FieldChecker check = problems.checker(ProblemLog.LOGICAL_MODEL, model.name());
      if (fallback != null && !models.containsKey(fallback)) {
        check.report("spec.fallback", "unknown LogicalModel \"" + fallback + "\""
            + Names.known("logical models", models.keySet()));
      } else if (current != null && current.equals(model.name())) {
        check.report("spec.fallback", "fallback cycle: " + String.join(" -> ", chain) + " -> " + current);
      }
      result.put(model.name(), withChain(model, new ArrayList<>(chain)));
    }
    return result;
  }

  private static ModelConfig withChain(ModelConfig model, List<String> chain) {
    return new ModelConfig(
        model.name(), model.description(), model.capabilities(), model.defaults(), model.targets(),
        model.fallback(), chain);
  }
}
