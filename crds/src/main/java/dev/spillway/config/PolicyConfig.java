package dev.spillway.config;

import java.util.List;

/**
 * A routing policy with defaults applied.
 *
 * @param route logical models to use in order (each already expanded with its fallbacks); empty
 *     means the chain of the model the request names
 * @param maxFallbackDepth most fallbacks after the primary attempt; null means no bound
 * @param minTier worst tier allowed to serve; 0 means no floor
 * @param timeouts overrides of the accounts' timeouts
 * @param triggers thresholds that demote a target
 * @param hedge hedging; null means {@link HedgeConfig#DEFAULTS} (off is {@code maxPercent} 0)
 * @param stickiness null when calls are not sticky
 * @param experiment null when there is no weighted split
 * @param quality answer checks and drift detection; null means {@link QualityConfig#DEFAULTS}
 * @param jobs deadlines of long-running jobs; null means {@link JobsConfig#DEFAULTS}
 * @param callerFallbacks what fallbacks a request may name; null means {@link CallerFallbacksConfig#ANY}
 * @param contentPolicyFallback whether a provider's content-policy refusal moves the call to the
 *     next candidate (true) or is answered to the client (false)
 * @param regions regions preferred and allowed; null means {@link RegionsConfig#DEFAULTS}
 */
public record PolicyConfig(
    String name,
    int priority,
    MatchConfig match,
    List<String> route,
    Integer maxFallbackDepth,
    int minTier,
    TimeoutOverrides timeouts,
    TriggersConfig triggers,
    CircuitBreakerConfig circuitBreaker,
    RetryConfig retry,
    HedgeConfig hedge,
    StickinessConfig stickiness,
    ExperimentConfig experiment,
    ScoringConfig scoring,
    QualityConfig quality,
    JobsConfig jobs,
    CallerFallbacksConfig callerFallbacks,
    boolean contentPolicyFallback,
    RegionsConfig regions) {

  /** Name of the built-in policy that applies when none matches. */
  public static final String DEFAULT_NAME = "default";

  public PolicyConfig {
    route = Immutables.list(route);
  }

  /** A policy with the default regions. */
  public PolicyConfig(
      String name,
      int priority,
      MatchConfig match,
      List<String> route,
      Integer maxFallbackDepth,
      int minTier,
      TimeoutOverrides timeouts,
      TriggersConfig triggers,
      CircuitBreakerConfig circuitBreaker,
      RetryConfig retry,
      HedgeConfig hedge,
      StickinessConfig stickiness,
      ExperimentConfig experiment,
      ScoringConfig scoring,
      QualityConfig quality,
      JobsConfig jobs,
      CallerFallbacksConfig callerFallbacks,
      boolean contentPolicyFallback) {
    this(name, priority, match, route, maxFallbackDepth, minTier, timeouts, triggers, circuitBreaker, retry,
        hedge, stickiness, experiment, scoring, quality, jobs, callerFallbacks, contentPolicyFallback, null);
  }

  /** A policy where a content-policy refusal is answered to the client. */
  public PolicyConfig(
      String name,
      int priority,
      MatchConfig match,
      List<String> route,
      Integer maxFallbackDepth,
      int minTier,
      TimeoutOverrides timeouts,
      TriggersConfig triggers,
      CircuitBreakerConfig circuitBreaker,
      RetryConfig retry,
      HedgeConfig hedge,
      StickinessConfig stickiness,
      ExperimentConfig experiment,
      ScoringConfig scoring,
      QualityConfig quality,
      JobsConfig jobs,
      CallerFallbacksConfig callerFallbacks) {
    this(name, priority, match, route, maxFallbackDepth, minTier, timeouts, triggers, circuitBreaker, retry,
        hedge, stickiness, experiment, scoring, quality, jobs, callerFallbacks, false);
  }

  /** A policy with the default quality checks. */
  public PolicyConfig(
      String name,
      int priority,
      MatchConfig match,
      List<String> route,
      Integer maxFallbackDepth,
      int minTier,
      TimeoutOverrides timeouts,
      TriggersConfig triggers,
      CircuitBreakerConfig circuitBreaker,
      RetryConfig retry,
      HedgeConfig hedge,
      StickinessConfig stickiness,
      ExperimentConfig experiment,
      ScoringConfig scoring) {
    this(name, priority, match, route, maxFallbackDepth, minTier, timeouts, triggers, circuitBreaker, retry,
        hedge, stickiness, experiment, scoring, null, null, null, false);
  }

  /** The hedging in force: the policy's own, else the defaults (hedging on, auto delay). */
  public HedgeConfig hedgeOrDefaults() {
    return hedge != null ? hedge : HedgeConfig.DEFAULTS;
  }

  /** A policy with default job deadlines and caller fallbacks. */
  public PolicyConfig(
      String name,
      int priority,
      MatchConfig match,
      List<String> route,
      Integer maxFallbackDepth,
      int minTier,
      TimeoutOverrides timeouts,
      TriggersConfig triggers,
      CircuitBreakerConfig circuitBreaker,
      RetryConfig retry,
      HedgeConfig hedge,
      StickinessConfig stickiness,
      ExperimentConfig experiment,
      ScoringConfig scoring,
      QualityConfig quality) {
    this(name, priority, match, route, maxFallbackDepth, minTier, timeouts, triggers, circuitBreaker, retry,
        hedge, stickiness, experiment, scoring, quality, null, null, false);
  }

  /** The quality block in force: the policy's own, else the defaults. */
  public QualityConfig qualityOrDefaults() {
    return quality != null ? quality : QualityConfig.DEFAULTS;
  }

  /** The job deadlines in force: the policy's own, else the defaults. */
  public JobsConfig jobsOrDefaults() {
    return jobs != null ? jobs : JobsConfig.DEFAULTS;
  }

  /** The regions in force: the policy's own, else prefer the router's region and allow any. */
  public RegionsConfig regionsOrDefaults() {
    return regions != null ? regions : RegionsConfig.DEFAULTS;
  }

  /** The caller-fallback limits in force: the policy's own, else any known model. */
  public CallerFallbacksConfig callerFallbacksOrDefaults() {
    return callerFallbacks != null ? callerFallbacks : CallerFallbacksConfig.ANY;
  }
}
