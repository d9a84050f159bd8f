package dev.spillway.stats;

import java.util.Map;

/**
 * The JSON document a proxy replica serves at {@code GET /v1/spillway/stats}; the operator scrapes
 * and sums it over replicas. Counters are totals since the replica started. New fields may be added
 * (readers ignore unknown ones); existing ones keep their meaning.
 *
 * <pre>
 * {"configVersion": "3f2a…",
 *  "policies": {"chat-default": {"matched": 10, "succeeded": 9, "failed": 1}},
 *  "targets":  {"sim-primary/gpt-x": {"account": "sim-primary", "calls": 11, "errors": 2}}}
 * </pre>
 *
 * @param configVersion version of the config in force, null before the first one
 */
public record StatsView(
    String configVersion, Map<String, PolicyStats> policies, Map<String, TargetStats> targets) {

  public StatsView {
    policies = policies == null ? Map.of() : Map.copyOf(policies);
    targets = targets == null ? Map.of() : Map.copyOf(targets);
  }

  /** Requests the policy matched, and how they ended (served with 2xx, or not). */
  public record PolicyStats(long matched, long succeeded, long failed) {}

  /** Upstream attempts on one target ({@code account/model}) and how many failed. */
  public record TargetStats(String account, long calls, long errors) {}
}
