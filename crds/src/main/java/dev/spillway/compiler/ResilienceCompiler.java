package dev.spillway.compiler;

import dev.spillway.api.v1alpha1.CircuitBreakerSpec;
import dev.spillway.api.v1alpha1.HedgeSpec;
import dev.spillway.api.v1alpha1.RetrySpec;
import dev.spillway.api.v1alpha1.ScoringWeights;
import dev.spillway.api.v1alpha1.StickinessSpec;
import dev.spillway.api.v1alpha1.Triggers;
import dev.spillway.config.CircuitBreakerConfig;
import dev.spillway.config.HedgeConfig;
import dev.spillway.config.RetryConfig;
import dev.spillway.config.RetryOn;
import java.util.EnumSet;
import java.util.Set;
import dev.spillway.config.ScoringConfig;
import dev.spillway.config.StickinessConfig;
import dev.spillway.config.TriggerScope;
import dev.spillway.config.TriggersConfig;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** The blocks of a RoutingPolicy that say how hard to try: each stands alone, with its defaults. */
final class ResilienceCompiler {
  static final StickinessConfig DEFAULT_STICKINESS = new StickinessConfig("body", "user");
  private static final Range FRACTION = Range.aboveUpTo(0, 1);
  private static final Range POSITIVE = Range.above(0);
  private static final Range ONE_OR_MORE = Range.atLeast(1);

  private static final List<String> SCOPES = WireNames.of(TriggerScope.class);

  private ResilienceCompiler() {}

  static TriggersConfig triggers(Triggers triggers, FieldChecker check) {
    if (triggers == null) {
      return TriggersConfig.NONE;
    }
    String field = "spec.triggers.";
    return new TriggersConfig(
        check.optionalInteger(field + "latencyP95Ms", triggers.latencyP95Ms, POSITIVE),
        check.optionalNumber(field + "errorRate", triggers.errorRate, FRACTION),
        check.optionalNumber(field + "qualityDriftSigma", triggers.qualityDriftSigma, POSITIVE),
        TriggerScope.valueOf(check.oneOf(field + "scope", triggers.scope, SCOPES, "target").toUpperCase(Locale.ROOT)));
  }

  static CircuitBreakerConfig circuitBreaker(CircuitBreakerSpec breaker, FieldChecker check) {
    CircuitBreakerConfig defaults = CircuitBreakerConfig.DEFAULTS;
    if (breaker == null) {
      return defaults;
    }
    String field = "spec.circuitBreaker.";
    return new CircuitBreakerConfig(
        check.number(field + "failureRateThreshold", breaker.failureRateThreshold, FRACTION,
            defaults.failureRateThreshold()),
        check.integer(field + "minimumCalls", breaker.minimumCalls, ONE_OR_MORE, defaults.minimumCalls()),
        check.integer(field + "consecutiveFailures", breaker.consecutiveFailures, ONE_OR_MORE,
            defaults.consecutiveFailures()),
        check.duration(field + "window", breaker.window, defaults.windowMs()),
        check.duration(field + "openFor", breaker.openFor, defaults.openForMs()),
        check.integer(field + "halfOpenProbes", breaker.halfOpenProbes, ONE_OR_MORE, defaults.halfOpenProbes()),
        recoveryRamp(field + "recoveryRamp", breaker.recoveryRamp, defaults.recoveryRamp(), check));
  }

  /** Traffic percentages of the staged recovery: each 1..100, strictly increasing, ending at 100. */
  private static List<Integer> recoveryRamp(
      String field, List<Integer> ramp, List<Integer> fallback, FieldChecker check) {
    if (ramp == null) {
      return fallback;
    }
    String rule = "use strictly increasing percentages from 1 to 100 that end at 100, e.g. [1, 5, 25, 100]";
    if (ramp.isEmpty() || ramp.stream().anyMatch(Objects::isNull)) {
      check.report(field, "needs at least one step: " + rule);
      return fallback;
    }
    for (int i = 0; i < ramp.size(); i++) {
      int step = ramp.get(i);
      if (step < 1 || step > 100) {
        check.report(field + "[" + i + "]", "must be between 1 and 100, got " + step);
        return fallback;
      }
      if (i > 0 && step <= ramp.get(i - 1)) {
        check.report(field + "[" + i + "]", "must be greater than the step before (" + ramp.get(i - 1)
            + "), got " + step + ": " + rule);
        return fallback;
      }
    }
    if (ramp.get(ramp.size() - 1) != 100) {
      check.report(field, "must end at 100, got " + ramp + ": " + rule);
      return fallback;
    }
    return ramp;
  }

  static RetryConfig retry(RetrySpec retry, FieldChecker check) {
    RetryConfig defaults = RetryConfig.NONE;
    if (retry == null) {
      return defaults;
    }
    String field = "spec.retry.";
    Set<RetryOn> on = EnumSet.noneOf(RetryOn.class);
    if (retry.on == null) {
      on.addAll(defaults.on());
    } else {
      List<String> words = check.words(field + "on", retry.on);
      for (int i = 0; i < words.size(); i++) {
        String word = check.oneOf(field + "on[" + i + "]", words.get(i), RetryOn.wireNames(), null);
        RetryOn.fromWire(word).ifPresent(on::add);
      }
    }
    return new RetryConfig(
        check.integer(field + "attempts", retry.attempts, Range.between(1, 10), defaults.attempts()),
        check.delay(field + "backoff", retry.backoff, defaults.backoffMs()),
        on);
  }

  static HedgeConfig hedge(HedgeSpec hedge, FieldChecker check) {
    if (hedge == null) {
      return HedgeConfig.DEFAULTS;
    }
    String field = "spec.hedge.";
    // Unset or auto: the proxy derives the delay from the target's observed p95 (afterMs null).
    Long afterMs = "auto".equals(hedge.after) ? null : check.optionalDuration(field + "after", hedge.after);
    return new HedgeConfig(
        afterMs,
        check.integer(field + "maxPercent", hedge.maxPercent, Range.between(0, 100), HedgeConfig.DEFAULTS.maxPercent()));
  }

  /** {@code header:<name>} (names compare lower case) or {@code body:<field>}. */
  static StickinessConfig stickiness(StickinessSpec stickiness, FieldChecker check) {
    if (stickiness == null) {
      return null;
    }
    if (stickiness.key == null) {
      return DEFAULT_STICKINESS;
    }
    int colon = stickiness.key.indexOf(':');
    String source = colon < 0 ? "" : stickiness.key.substring(0, colon);
    String name = colon < 0 ? "" : stickiness.key.substring(colon + 1).trim();
    if (!(source.equals("header") || source.equals("body")) || name.isEmpty()) {
      check.report("spec.stickiness.key", "\"" + stickiness.key + "\" is not a user key: use header:<name>"
          + " (e.g. header:x-user-id) or body:<field> (e.g. body:user)");
      return DEFAULT_STICKINESS;
    }
    return new StickinessConfig(source, source.equals("header") ? name.toLowerCase(Locale.ROOT) : name);
  }

  static ScoringConfig scoring(ScoringWeights weights, FieldChecker check) {
    ScoringConfig defaults = ScoringConfig.DEFAULTS;
    if (weights == null) {
      return defaults;
    }
    String field = "spec.scoring.";
    Range weight = Range.atLeast(0);
    return new ScoringConfig(
        check.number(field + "health", weights.health, weight, defaults.health()),
        check.number(field + "latency", weights.latency, weight, defaults.latency()),
        check.number(field + "quality", weights.quality, weight, defaults.quality()),
        check.number(field + "cost", weights.cost, weight, defaults.cost()),
        check.number(field + "headroom", weights.headroom, weight, defaults.headroom()),
        check.number(field + "switchMargin", weights.switchMargin, weight, defaults.switchMargin()));
  }
}
