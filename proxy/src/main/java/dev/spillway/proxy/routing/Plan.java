package dev.spillway.proxy.routing;

import dev.spillway.config.PolicyConfig;
import java.util.List;

/**
 * How to serve one request.
 *
 * @param candidates in attempt order
 * @param skipped targets of the route that cannot serve this request at all
 * @param maxAttempts upstream calls allowed: one plus the policy's fallback depth
 */
public record Plan(
    PolicyConfig policy, List<Candidate> candidates, List<Skip> skipped, int maxAttempts) {

  public Plan {
    candidates = List.copyOf(candidates);
    skipped = List.copyOf(skipped);
  }
}
