package dev.spillway.operator.stats;

import dev.spillway.config.ModelConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.config.TargetConfig;
import dev.spillway.stats.StatsView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Counters summed over the replicas of one Router, and what status shows from them: per policy the
 * totals (so `matched` agrees with what was sent); per account and target, through {@link #since},
 * only the calls since the previous scrape, so health reflects now rather than a replica's lifetime.
 */
public final class LiveNumbers {
  /** Error rate above which an account is Degraded, and Unhealthy. */
  static final double DEGRADED = 0.05;
  static final double UNHEALTHY = 0.5;

  private final Map<String, long[]> policies = new HashMap<>();
  private final Map<String, long[]> accounts = new HashMap<>();
  private final Map<String, long[]> targets = new HashMap<>();

  public static LiveNumbers sum(List<ReplicaSample> samples) {
    LiveNumbers sum = new LiveNumbers();
    for (ReplicaSample sample : samples) {
      StatsView stats = sample.stats();
      if (stats == null) {
        continue;
      }
      stats.policies().forEach((name, p) ->
          add(sum.policies, name, p.matched(), p.succeeded(), p.failed()));
      stats.targets().forEach((id, t) -> {
        add(sum.targets, id, t.calls(), t.errors(), 0);
        add(sum.accounts, t.account(), t.calls(), t.errors(), 0);
      });
    }
    return sum;
  }

  private static void add(Map<String, long[]> into, String key, long a, long b, long c) {
    long[] counts = into.computeIfAbsent(key, k -> new long[3]);
    counts[0] += a;
    counts[1] += b;
    counts[2] += c;
  }

  /**
   * The same totals with account and target counts reduced to what happened after {@code previous}
   * (policy totals stay whole). A count that went down means a replica restarted and its counters
   * began again: then the current count is all that is known to be recent.
   */
  public LiveNumbers since(LiveNumbers previous) {
    LiveNumbers recent = new LiveNumbers();
    recent.policies.putAll(policies);
    delta(accounts, previous.accounts, recent.accounts);
    delta(targets, previous.targets, recent.targets);
    return recent;
  }

  private static void delta(Map<String, long[]> now, Map<String, long[]> before, Map<String, long[]> into) {
    now.forEach((key, counts) -> {
      long[] earlier = before.get(key);
      boolean restarted = earlier == null || counts[0] < earlier[0] || counts[1] < earlier[1];
      into.put(key, restarted ? counts.clone()
          : new long[] {counts[0] - earlier[0], counts[1] - earlier[1], counts[2] - earlier[2]});
    });
  }

  /** Matched, success rate and error rate of a policy; empty before it matched anything. */
  public Optional<PolicyNumbers> policy(String name) {
    long[] c = policies.get(name);
    if (c == null || c[0] == 0) {
      return Optional.empty();
    }
    return Optional.of(new PolicyNumbers(c[0], ratio(c[1], c[0]), ratio(c[2], c[0])));
  }

  /** Error rate and health of an account; empty when it had no calls (in the window). */
  public Optional<AccountNumbers> account(String name) {
    long[] c = accounts.get(name);
    if (c == null || c[0] == 0) {
      return Optional.empty();
    }
    double errorRate = ratio(c[1], c[0]);
    String health = errorRate >= UNHEALTHY ? "Unhealthy" : errorRate >= DEGRADED ? "Degraded" : "Healthy";
    return Optional.of(new AccountNumbers(health, errorRate));
  }

  /** The model's target with the most successful calls (in the window); empty when none. */
  public Optional<String> servingTarget(RouterConfig config, String model) {
    ModelConfig compiled = config == null ? null : config.models().get(model);
    if (compiled == null) {
      return Optional.empty();
    }
    String best = null;
    long bestServed = 0;
    for (TargetConfig target : compiled.targets()) {
      long[] c = targets.get(target.id());
      long served = c == null ? 0 : c[0] - c[1];
      if (served > bestServed) {
        best = target.id();
        bestServed = served;
      }
    }
    return Optional.ofNullable(best);
  }

  private static double ratio(long part, long whole) {
    return Math.round(part * 10_000.0 / whole) / 10_000.0;
  }

  public record PolicyNumbers(long matched, double successRate, double errorRate) {}

  public record AccountNumbers(String health, double errorRate) {}
}
