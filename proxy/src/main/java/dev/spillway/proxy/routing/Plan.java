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
 */
public record Plan(
    PolicyConfig policy,
    List<Candidate> candidates,
    List<Skip> skipped,
    int maxAttempts,
    RoutingDecision decision,
    CallerRoute caller) {

  public Plan {
    candidates = List.copyOf(candidates);
    skipped = List.copyOf(skipped);
    caller = caller == null ? CallerRoute.NONE : caller;
  }

  public Plan(PolicyConfig policy, List<Candidate> candidates, List<Skip> skipped, int maxAttempts) {
    this(policy, candidates, skipped, maxAttempts, null, CallerRoute.NONE);
  }

  /** This plan with its candidates reordered by a routing decision. */
  public Plan decided(List<Candidate> order, RoutingDecision routingDecision) {
    return new Plan(policy, order, skipped, maxAttempts, routingDecision, caller);
  }
}
