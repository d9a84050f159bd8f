package dev.spillway.config;

import java.util.Map;

/** Weighted traffic split, keyed by target id. */
public record ExperimentConfig(Map<String, Integer> weights) {
  public ExperimentConfig {
    weights = Immutables.sortedMap(weights);
  }
}
