package dev.spillway.proxy.live;

import dev.spillway.proxy.routing.Candidate;
import dev.spillway.proxy.routing.CandidateScore;
import dev.spillway.proxy.routing.Plan;
import dev.spillway.proxy.routing.RoutingDecision;
import dev.spillway.proxy.telemetry.CallSummary;
import java.util.List;

/**
 * Where a finished call was routed. The page shows calls under the logical model its policy routed
 * them to, which need not be the one the request named (a policy may route {@code chat} calls to
 * {@code chat-degraded}).
 *
 * @param model the logical model of the primary
 * @param primary the first target of the plan, before scoring reordered it
 * @param decision the scores and the choice, or null when the gate does not score
 */
record RoutedCall(String model, String primary, RoutingDecision decision) {

  /** Null when the call ended before it was routed, or had no candidate. */
  static RoutedCall of(CallSummary call) {
    Plan plan = call.plan();
    if (plan == null || plan.candidates().isEmpty()) {
      return null;
    }
    RoutingDecision decision = plan.decision();
    Candidate primary = plan.candidates().get(0);
    if (decision != null) {
      for (CandidateScore score : decision.candidates()) {
        if (score.planIndex() == 0) {
          primary = byId(plan.candidates(), score.target(), primary);
        }
      }
    }
    return new RoutedCall(primary.model().name(), primary.id(), decision);
  }

  /** A loop, not a stream: the live feed routes every finished call through here. */
  private static Candidate byId(List<Candidate> candidates, String id, Candidate otherwise) {
    for (Candidate each : candidates) {
      if (each.id().equals(id)) {
        return each;
      }
    }
    return otherwise;
  }
}
