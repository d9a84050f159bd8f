package dev.spillway.compiler;

import dev.spillway.api.v1alpha1.Timeouts;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.config.TimeoutOverrides;

/** The {@code timeouts} block, shared by ProviderAccount (with defaults) and RoutingPolicy (overrides). */
final class TimeoutCompiler {
  private static final String FIELD = "spec.timeouts.";

  private TimeoutCompiler() {}

  static TimeoutConfig account(Timeouts given, FieldChecker check) {
    return overrides(given, check).applyTo(TimeoutConfig.DEFAULTS);
  }

  static TimeoutOverrides overrides(Timeouts given, FieldChecker check) {
    if (given == null) {
      return TimeoutOverrides.NONE;
    }
    return new TimeoutOverrides(
        check.optionalDuration(FIELD + "connect", given.connect),
        check.optionalDuration(FIELD + "firstToken", given.firstToken),
        check.optionalDuration(FIELD + "request", given.request));
  }
}
