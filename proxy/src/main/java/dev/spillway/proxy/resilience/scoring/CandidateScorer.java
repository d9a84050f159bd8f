package dev.spillway.proxy.resilience.scoring;

import dev.spillway.config.ScoringConfig;
import dev.spillway.config.TriggersConfig;
import dev.spillway.proxy.resilience.health.HealthSnapshot;
import dev.spillway.proxy.routing.CandidateScore;

/** The weighted score of one candidate from its recent health, latency, quality, cost and headroom. */
public final class CandidateScorer {
  /** Latency reference when the policy sets no p95 trigger: a p95 this long scores one half. */
  static final double DEFAULT_LATENCY_REFERENCE_MS = 1_000;

  private CandidateScorer() {}

  /**
   * @param cheapestPrice lowest blended price among the request's candidates
   * @param price this candidate's blended price
   */
  public static CandidateScore score(
      String target,
      int planIndex,
      int group,
      ScoringConfig weights,
      TriggersConfig triggers,
      HealthSnapshot health,
      boolean stream,
      double quality,
      double cheapestPrice,
      double price,
      double headroom,
      String circuit) {
    ScoringConfig w = weights != null ? weights : ScoringConfig.DEFAULTS;
    double healthPart = health.calls() >= Triggers.MIN_SAMPLES ? 1 - health.errorRate() : 1;
    double reference =
        triggers != null && triggers.latencyP95Ms() != null ? triggers.latencyP95Ms() : DEFAULT_LATENCY_REFERENCE_MS;
    double latencyPart =
        health.latencySamples(stream) >= Triggers.MIN_SAMPLES ? reference / (reference + health.p95Ms(stream)) : 1;
    double costPart = price <= 0 ? 1 : cheapestPrice / price;
    double total = w.health() + w.latency() + w.quality() + w.cost() + w.headroom();
    double weighted =
        w.health() * healthPart
            + w.latency() * latencyPart
            + w.quality() * quality
            + w.cost() * costPart
            + w.headroom() * headroom;
    double score = total <= 0 ? 1 : weighted / total;
    return new CandidateScore(
        target, planIndex, group, score, healthPart, latencyPart, quality, costPart, headroom,
        CandidateScore.Standing.ELIGIBLE, null, circuit);
  }
}
