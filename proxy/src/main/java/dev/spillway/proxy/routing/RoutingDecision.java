package dev.spillway.proxy.routing;

import java.util.List;

/**
 * Why a request's candidates are in the order they are: every candidate's score and standing, the
 * one chosen first and why. Immutable; made once per request before the first attempt. Telemetry
 * puts it on the routing span; hedges made later are in the request's attempt log.
 *
 * @param policy the matched policy
 * @param candidates in the order they will be tried
 * @param skipped targets the planner left out (capability, tier) and why
 * @param chosen the first candidate to try, or null when none is eligible
 * @param reason why {@code chosen} leads: highest score, primary holds within the switch margin,
 *     sticky user, experiment arm, recovery probe…
 * @param sticky the target the request's stickiness key maps to, or null
 * @param experimentArm the experiment arm drawn for the request, or null
 * @param stream the request streams (latency is judged by time to first token)
 * @param estimatedTokens the token estimate reserved against limits and budgets
 */
public record RoutingDecision(
    String policy,
    List<CandidateScore> candidates,
    List<Skip> skipped,
    String chosen,
    String reason,
    String sticky,
    String experimentArm,
    boolean stream,
    long estimatedTokens) {

  public RoutingDecision {
    candidates = List.copyOf(candidates);
    skipped = List.copyOf(skipped);
  }

  /** The score of one target, or null when it was not a candidate. */
  public CandidateScore score(String target) {
    for (CandidateScore score : candidates) {
      if (score.target().equals(target)) {
        return score;
      }
    }
    return null;
  }
}
