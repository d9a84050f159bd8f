package dev.spillway.compiler;

import dev.spillway.config.TimeoutConfig;
import dev.spillway.config.TimeoutOverrides;

/** The {@code timeouts} block, shared by ProviderAccount (with defaults) and RoutingPolicy (overrides). */
final class Timeouts {
  private static final String FIELD = "spec.timeouts.";

  private Timeouts() {}

  static TimeoutConfig account(dev.spillway.api.v1alpha1.Timeouts given, FieldChecker check) {
    TimeoutConfig defaults = TimeoutConfig.DEFAULTS;
    return overrides(given, check).applyTo(defaults);
  }

  static TimeoutOverrides overrides(dev.spillway.api.v1alpha1.Timeouts given, FieldChecker check) {
    if (given == null) {
      return TimeoutOverrides.NONE;
    }
    return new TimeoutOverrides(
        check.optionalDuration(FIELD + "connect", given.connect),
        check.optionalDuration(FIELD + "firstToken", given.firstToken),
        check.optionalDuration(FIELD + "request", given.request));
  }
}
