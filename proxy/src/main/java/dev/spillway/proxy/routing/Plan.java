package dev.spillway.proxy.routing;

import dev.spillway.config.PolicyConfig;
import java.util.List;

/**
 * How to serve one request.
 *
 * @param candidates in attempt order
 * @param skipped targets of the route that cannot serve this request at all
 * @param maxAttempts upstream calls allowed: one plus the policy's fallback depth
 * @param decision why the candidates are in this order (scores, choice, reason), or null when the
 *     plan was not scored
 * @param caller the fallbacks the request named for itself (applied: the policy allowed them)
 * @param rollout the model rollout arm this call is on (a canary split), or null: traces mark it
 */
public record Plan(
    PolicyConfig policy,
    List<Candidate> candidates,
    List<Skip> skipped,
    int maxAttempts,
    RoutingDecision decision,
    CallerRoute caller,
    RolloutMark rollout) {

  public Plan {
    candidates = List.copyOf(candidates);
    skipped = List.copyOf(skipped);
    caller = caller == null ? CallerRoute.NONE : caller;
  }

  public Plan(PolicyConfig policy, List<Candidate> candidates, List<Skip> skipped, int maxAttempts) {
    this(policy, candidates, skipped, maxAttempts, null, CallerRoute.NONE, null);
  }

  /** Not on a rollout arm. */
  public Plan(PolicyConfig policy, List<Candidate> candidates, List<Skip> skipped, int maxAttempts,
      RoutingDecision decision, CallerRoute caller) {
    this(policy, candidates, skipped, maxAttempts, decision, caller, null);
  }

  /**
   * Whether the routing decision refused this candidate (its circuit is open, its budget spent…): an
   * attempt at it is refused without a call, so it is no fallback for the candidates before it.
   */
  public boolean refused(Candidate candidate) {
    return refusal(candidate.id()) != null;
  }

  /** The routing decision's score of the target when the decision refused it (its reason says why), else null. */
  public CandidateScore refusal(String targetId) {
    CandidateScore score = decision == null ? null : decision.score(targetId);
    return score != null && score.standing() == CandidateScore.Standing.REFUSED ? score : null;
  }

  /** This plan with its candidates reordered by a routing decision. */
  public Plan decided(List<Candidate> order, RoutingDecision routingDecision) {
    return new Plan(policy, order, skipped, maxAttempts, routingDecision, caller, rollout);
  }

  /** This plan with its candidates rearranged for a rollout arm. */
  public Plan onRolloutArm(List<Candidate> order, RolloutMark mark) {
    return new Plan(policy, order, skipped, maxAttempts, decision, caller, mark);
  }

  /**
   * A call's place in a model rollout: {@code spillway.rollout} and {@code spillway.rollout.arm}
   * (candidate or incumbent) in traces.
   */
  public record RolloutMark(String rollout, String arm) {}
}
