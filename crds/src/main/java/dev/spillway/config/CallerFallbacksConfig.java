package dev.spillway.config;

import java.util.List;

/**
 * What fallbacks a request may name for itself under a policy.
 *
 * @param allowed false refuses any request that names fallbacks
 * @param models the logical models a request may name; empty allows every known model
 */
public record CallerFallbacksConfig(boolean allowed, List<String> models) {
  public static final CallerFallbacksConfig ANY = new CallerFallbacksConfig(true, List.of());

  public CallerFallbacksConfig {
    models = Immutables.list(models);
  }

  public boolean permits(String model) {
    return allowed && (models.isEmpty() || models.contains(model));
  }
}
