package dev.spillway.compiler;

import dev.spillway.config.CircuitBreakerConfig;
import dev.spillway.config.HedgeConfig;
import dev.spillway.config.MatchConfig;
import dev.spillway.config.PolicyConfig;
import dev.spillway.config.RetryConfig;
import dev.spillway.config.ScoringConfig;
import dev.spillway.config.TimeoutOverrides;
import dev.spillway.config.TriggersConfig;
import java.util.List;

/** The built-in policy that applies when no RoutingPolicy matches: the requested model's chain. */
final class DefaultPolicy {
  static final PolicyConfig INSTANCE =
      new PolicyConfig(
          PolicyConfig.DEFAULT_NAME,
          Integer.MIN_VALUE,
          MatchConfig.ANY,
          List.of(),
          null,
          0,
          TimeoutOverrides.NONE,
          TriggersConfig.NONE,
          CircuitBreakerConfig.DEFAULTS,
          RetryConfig.NONE,
          HedgeConfig.DEFAULTS,
          null,
          null,
          ScoringConfig.DEFAULTS);

  private DefaultPolicy() {}
}
