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
 */
public record Plan(
    PolicyConfig policy, List<Candidate> candidates, List<Skip> skipped, int maxAttempts, RoutingDecision decision) {

  public Plan {
    candidates = List.copyOf(candidates);
    skipped = List.copyOf(skipped);
  }

  public Plan(PolicyConfig policy, List<Candidate> candidates, List<Skip> skipped, int maxAttempts) {
    this(policy, candidates, skipped, maxAttempts, null);
  }

  /** This plan with its candidates reordered by a routing decision. */
  public Plan decided(List<Candidate> order, RoutingDecision routingDecision) {
    return new Plan(policy, order, skipped, maxAttempts, routingDecision);
  }
}
