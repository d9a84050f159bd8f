package dev.spillway.operator.stats;

import dev.spillway.config.AccountConfig;
import dev.spillway.config.BudgetConfig;
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
 * only the calls since the previous scrape, so health reflects now rather than a replica's lifetime;
 * per account the resilience engine's live state ({@link LiveAccount}), a snapshot kept as it is.
 */
public final class LiveNumbers {
  /** Error rate above which an account is Degraded, and Unhealthy. */
  static final double DEGRADED = 0.05;
  static final double UNHEALTHY = 0.5;
  static final String HEALTHY_LABEL = "Healthy";
  static final String DEGRADED_LABEL = "Degraded";
  static final String UNHEALTHY_LABEL = "Unhealthy";
  private static final List<String> BY_SEVERITY = List.of(HEALTHY_LABEL, DEGRADED_LABEL, UNHEALTHY_LABEL);

  private final Map<String, long[]> policies = new HashMap<>();
  private final Map<String, long[]> accounts = new HashMap<>();
  private final Map<String, long[]> targets = new HashMap<>();
  private final Map<String, LiveAccount> live = new HashMap<>();
  /** Totals, never reduced by {@link #since}: a consumer's status shows its whole use. */
  private LiveConsumers consumers = LiveConsumers.sum(List.of());

  public static LiveNumbers sum(List<ReplicaSample> samples) {
    LiveNumbers sum = new LiveNumbers();
    sum.consumers = LiveConsumers.sum(samples);
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
        if (t.live() != null) {
          sum.live.computeIfAbsent(t.account(), a -> new LiveAccount()).add(sample.pod(), id, t.live());
        }
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
    recent.live.putAll(live);
    recent.consumers = consumers;
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

  /** A consumer's calls and spend over the replicas that answered; empty when none knows it. */
  public Optional<LiveConsumers.Totals> consumer(String name) {
    return consumers.of(name);
  }

  /** Matched, success rate and error rate of a policy; empty before it matched anything. */
  public Optional<PolicyNumbers> policy(String name) {
    long[] c = policies.get(name);
    if (c == null || c[0] == 0) {
      return Optional.empty();
    }
    return Optional.of(new PolicyNumbers(c[0], ratio(c[1], c[0]), ratio(c[2], c[0])));
  }

  /**
   * What status shows of an account: error rate from the calls in the window, the live state from
   * the engine, health the worse of what each implies. Empty when there is neither; a field is null
   * when its source is missing (no calls in the window, no live state, no budget).
   *
   * @param serving the config in force, for the account's budget; may be null
   */
  public Optional<AccountNumbers> account(String name, RouterConfig serving) {
    long[] c = accounts.get(name);
    Double errorRate = c == null || c[0] == 0 ? null : ratio(c[1], c[0]);
    LiveAccount state = live.get(name);
    if (errorRate == null && state == null) {
      return Optional.empty();
    }
    String health = errorRate == null ? null
        : errorRate >= UNHEALTHY ? UNHEALTHY_LABEL : errorRate >= DEGRADED ? DEGRADED_LABEL : HEALTHY_LABEL;
    if (state == null) {
      return Optional.of(new AccountNumbers(health, errorRate, null, null, null, null, null));
    }
    AccountConfig account = serving == null ? null : serving.account(name);
    BudgetConfig budget = account == null ? null : account.budget();
    return Optional.of(new AccountNumbers(worse(health, state.circuitHealth()), errorRate,
        state.latencyP95Ms(), state.circuitSummary(), state.spendUsd(budget), state.budgetRemainingUsd(budget),
        state.healthCheck()));
  }

  private static String worse(String a, String b) {
    return a == null || BY_SEVERITY.indexOf(b) > BY_SEVERITY.indexOf(a) ? b : a;
  }

  /** Whether some replica reports the target's circuit open (calls avoid it). */
  public boolean circuitOpen(String account, String target) {
    LiveAccount state = live.get(account);
    return state != null && state.circuit(target) == Circuit.OPEN;
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

  /** An account's status figures; each null when unknown (see {@link #account}). */
  public record AccountNumbers(String health, Double errorRate, Double latencyP95Ms, String circuit,
      Double spendUsd, Double budgetRemainingUsd, String healthCheck) {}
}
