package dev.spillway.proxy.stats;

import dev.spillway.stats.StatsView;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters per policy (matched, succeeded, failed) and per target (calls, errors). LongAdders in
 * concurrent maps: recording is lock-free on the request path; reading sums them on demand.
 */
public final class StatsRegistry {
  private final Map<String, PolicyCounters> policies = new ConcurrentHashMap<>();
  private final Map<String, TargetCounters> targets = new ConcurrentHashMap<>();

  /** A request the policy matched ended: served (2xx) or not. */
  public void policyOutcome(String policy, boolean served) {
    PolicyCounters counters = policies.computeIfAbsent(policy, p -> new PolicyCounters());
    counters.matched.increment();
    (served ? counters.succeeded : counters.failed).increment();
  }

  /** An upstream attempt on a target ended. */
  public void targetOutcome(String target, String account, boolean ok) {
    TargetCounters counters = targets.computeIfAbsent(target, t -> new TargetCounters(account));
    counters.calls.increment();
    if (!ok) {
      counters.errors.increment();
    }
  }

  /** A consistent-enough copy for the stats endpoint (each counter read once). */
  /** The counters, with each target's live state where {@code live} has it. */
  public StatsView view(String configVersion, Map<String, StatsView.LiveStats> live) {
    Map<String, StatsView.PolicyStats> policyView = new TreeMap<>();
    policies.forEach((name, c) -> policyView.put(name,
        new StatsView.PolicyStats(c.matched.sum(), c.succeeded.sum(), c.failed.sum())));
    Map<String, StatsView.TargetStats> targetView = new TreeMap<>();
    targets.forEach((id, c) -> targetView.put(id,
        new StatsView.TargetStats(c.account, c.calls.sum(), c.errors.sum(), live.get(id))));
    // A target can have live state without calls here (e.g. its circuit opened before this replica
    // tried it); the account is the id's first segment, as account names cannot contain '/'.
    live.forEach((id, state) -> targetView.computeIfAbsent(id,
        key -> new StatsView.TargetStats(key.substring(0, key.indexOf('/')), 0, 0, state)));
    return new StatsView(configVersion, policyView, targetView);
  }

  private static final class PolicyCounters {
    final LongAdder matched = new LongAdder();
    final LongAdder succeeded = new LongAdder();
    final LongAdder failed = new LongAdder();
  }

  private static final class TargetCounters {
    final String account;
    final LongAdder calls = new LongAdder();
    final LongAdder errors = new LongAdder();

    TargetCounters(String account) {
      this.account = account;
    }
  }
}
