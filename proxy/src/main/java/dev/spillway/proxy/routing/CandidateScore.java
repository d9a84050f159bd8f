package dev.spillway.proxy.routing;

/**
 * How one candidate fared in a routing decision.
 *
 * @param planIndex its place in the planned (primary-first) order
 * @param group the plan index of its logical model's first candidate: candidates compete on score
 *     within a group, and an earlier group (the requested model before its fallback models) leads
 *     while it has an eligible candidate
 * @param score weighted score, 0 to 1 (before the switch-over bonuses)
 * @param health 1 minus the recent error rate
 * @param latency 1 for instant, falling as the p95 approaches and passes the threshold
 * @param quality from the quality signal
 * @param cost the cheapest candidate's price over this one's
 * @param headroom share of the account's rate limits left
 * @param standing where it was ranked: eligible, demoted (tried only after every eligible one) or
 *     refused (will be skipped)
 * @param reason why it was demoted or refused, else null
 * @param circuit the target's circuit breaker state
 */
public record CandidateScore(
    String target,
    int planIndex,
    int group,
    double score,
    double health,
    double latency,
    double quality,
    double cost,
    double headroom,
    Standing standing,
    String reason,
    String circuit) {

  /** Rank groups, best first. */
  public enum Standing {
    ELIGIBLE,
    DEMOTED,
    REFUSED
  }

  public CandidateScore withStanding(Standing newStanding, String newReason) {
    return new CandidateScore(
        target, planIndex, group, score, health, latency, quality, cost, headroom, newStanding, newReason, circuit);
  }
}
