package dev.spillway.config;

import java.util.List;

/**
 * A logical model with defaults applied.
 *
 * @param targets in attempt order (priority, then position)
 * @param fallback the LogicalModel to fall back to, or null
 * @param chain this model followed by its fallbacks, expanded and cycle-free
 */
public record ModelConfig(
    String name,
    String description,
    CapabilitySet capabilities,
    DefaultsConfig defaults,
    List<TargetConfig> targets,
    String fallback,
    List<String> chain) {

  public ModelConfig {
    targets = Immutables.list(targets);
    chain = Immutables.list(chain);
  }
}
