package dev.spillway.proxy.live;

import dev.spillway.proxy.routing.CandidateScore;
import dev.spillway.proxy.routing.RoutingDecision;
import dev.spillway.proxy.telemetry.AttemptRecord;
import dev.spillway.proxy.telemetry.CallSummary;
import java.util.List;

/**
 * One finished call's routing decision as the page shows it: every candidate's score and standing,
 * who was chosen and why, who served.
 *
 * @param model the logical model the call was routed to
 * @param requestedModel the model the request named (a policy may route it elsewhere)
 * @param chosen the candidate that led the decision, or null when none was eligible
 * @param servedBy the target that answered, or null when none did
 * @param fallbackReason why earlier candidates did not serve, or null
 */
public record DecisionView(
    long atMs,
    String model,
    String requestedModel,
    String policy,
    String chosen,
    String reason,
    String servedBy,
    int status,
    int attempts,
    long latencyMs,
    String fallbackReason,
    String traceId,
    String requestId,
    List<CandidateView> candidates) {

  /** The call's decision, or null when it was never routed (refused before, or not scored). */
  static DecisionView of(CallSummary call, RoutedCall routed) {
    RoutingDecision decision = routed.decision();
    AttemptRecord served = call.servedBy();
    return new DecisionView(call.start().toEpochMilli(), routed.model(), call.model(), decision.policy(), decision.chosen(),
        decision.reason(), served == null ? null : served.target().id(), call.status(), call.attempts().size(),
        call.latencyNanos() / 1_000_000, call.fallbackReason(), call.traceId(),
        call.traceId() == null ? call.requestId() : null,
        decision.candidates().stream().map(CandidateView::of).toList());
  }

  /** A candidate's score, its parts (0 to 1 each), standing and circuit. */
  public record CandidateView(
      String target, double score, double health, double latency, double quality, double cost, double headroom,
      String standing, String reason, String circuit) {
    static CandidateView of(CandidateScore score) {
      return new CandidateView(score.target(), score.score(), score.health(), score.latency(), score.quality(),
          score.cost(), score.headroom(), score.standing().name(), score.reason(), score.circuit());
    }
  }
}
