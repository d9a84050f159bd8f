package dev.spillway.proxy.consumers;

import dev.spillway.config.ConsumerConfig;
import dev.spillway.config.PolicyConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.proxy.auth.Caller;
import dev.spillway.proxy.auth.Rejection;
import dev.spillway.proxy.resilience.budget.BudgetAlert;
import dev.spillway.proxy.resilience.budget.Spend;
import dev.spillway.proxy.config.ConfigSink;
import dev.spillway.proxy.http.ApiError;
import dev.spillway.proxy.resilience.limits.LimitsRegistry;
import dev.spillway.proxy.routing.Candidate;
import dev.spillway.proxy.routing.Plan;
import dev.spillway.proxy.shared.SharedBuckets;
import dev.spillway.proxy.shared.SharedSpend;
import dev.spillway.proxy.shared.SharedState;
import dev.spillway.stats.StatsView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every consumer's quotas on this replica, keyed by name so limits and spend survive reloads (a
 * changed budget keeps the spend so far), and the admission of each authenticated call: allowed
 * model, allowed policy, then its own limits and budgets.
 */
public final class ConsumerQuotas implements ConfigSink {
  private static final Logger LOG = LoggerFactory.getLogger(ConsumerQuotas.class);

  private final Clock clock;
  private final MeterRegistry registry;
  /** The key scope of consumers' shared limits and budgets (accounts have their own). */
  private static final String SCOPE = "consumer";

  private final LimitsRegistry limits;
  /** The shared ledgers of consumers' budgets, or null. */
  private final SharedSpend spend;
  private final Map<String, ConsumerQuota> byName = new ConcurrentHashMap<>();

  public ConsumerQuotas(Clock clock, MeterRegistry registry) {
    this(clock, registry, null);
  }

  /** @param shared where consumers' limits and spend are shared with the other replicas, or null */
  public ConsumerQuotas(Clock clock, MeterRegistry registry, SharedState shared) {
    this.clock = clock;
    this.registry = registry;
    this.limits = new LimitsRegistry(clock, shared == null ? null : new SharedBuckets(shared, SCOPE));
    this.spend = shared == null ? null : new SharedSpend(shared, SCOPE);
    if (shared != null) {
      shared.onReconnect(() -> byName.values().forEach(quota -> quota.reconcile(clock.instant())));
    }
  }

  @Override
  public synchronized void accept(RouterConfig config) {
    Map<String, ConsumerConfig> consumers = config.clientAuth().consumers();
    Instant now = clock.instant();
    consumers.forEach((name, consumer) -> byName.compute(name, (key, before) ->
        before != null && before.config().equals(consumer)
            ? before
            : new ConsumerQuota(consumer, limits.of(name, consumer.limits()), before, now, spend, this::alert)));
    byName.keySet().retainAll(consumers.keySet());
    limits.retain(name -> consumers.containsKey(name) && consumers.get(name).limits() != null);
  }

  /**
   * Admits a caller's call or throws the answer: 403 for a model or policy it may not use, 429 with
   * Retry-After when its own limits or budgets have no room.
   *
   * @param estimatedTokens the request's token estimate, reserved until the call ends
   */
  public ConsumerCharge admit(Caller caller, String model, Plan plan, long estimatedTokens) {
    ConsumerQuota quota = byName.get(caller.name());
    ConsumerConfig consumer = caller.consumer();
    if (quota == null) {
      // The config changed between authentication and now, and the consumer is gone.
      throw refuse(caller, Rejection.UNKNOWN_KEY, "Incorrect API key provided");
    }
    if (!consumer.mayUseModel(model)) {
      throw refuse(caller, Rejection.MODEL_NOT_ALLOWED,
          "Consumer " + consumer.name() + " may not use model " + model + "; allowed: " + consumer.allowedModels());
    }
    PolicyConfig policy = plan.policy();
    if (!consumer.mayUsePolicy(policy.name())) {
      throw refuse(caller, Rejection.POLICY_NOT_ALLOWED, "Consumer " + consumer.name()
          + " may not use routing policy " + policy.name() + "; allowed: " + consumer.allowedPolicies());
    }
    double estimateUsd = dearest(plan, estimatedTokens);
    ConsumerQuota.Refusal refusal = quota.admit(estimatedTokens, estimateUsd, clock.instant());
    if (refusal != null) {
      quota.throttled.increment();
      throw refuse(caller, refusal.rejection(), refusal.message()).retryAfter(refusal.retryAfter());
    }
    quota.requests.increment();
    return new ConsumerCharge(this, quota, estimatedTokens, estimateUsd);
  }

  /** A cautious estimate: the tokens at the dearest candidate's prices. */
  private static double dearest(Plan plan, long tokens) {
    double dearest = 0;
    for (Candidate candidate : plan.candidates()) {
      dearest = Math.max(dearest, Spend.estimate(tokens, candidate.target().pricing()));
    }
    return dearest;
  }

  private ApiError refuse(Caller caller, Rejection rejection, String message) {
    Counter.builder("spillway.consumer.rejections")
        .description("Authenticated calls refused: a model or policy not allowed, or over the consumer's own quota")
        .tags("consumer", caller.name(), "reason", rejection.label())
        .register(registry)
        .increment();
    return rejection.error(message);
  }

  void settled(ConsumerQuota quota, long estimatedTokens, double estimateUsd, long tokens, double usd) {
    alert(quota.settle(estimatedTokens, estimateUsd, tokens, usd, clock.instant()));
  }

  /** Alerts a settlement crossed: at once, or when a shared ledger's answer comes. */
  private void alert(List<BudgetAlert> alerts) {
    for (BudgetAlert alert : alerts) {
      LOG.warn("budget alert: consumer {} spent {} USD of {} USD this {} period ({} %){}", alert.account(),
          String.format("%.4f", alert.spentUsd()), alert.amountUsd(), alert.period(), alert.percent(),
          alert.exhausted() ? "; exhausted, action: " + alert.action() : "");
      Counter.builder("spillway.consumer.budget.alerts")
          .description("Consumer budget thresholds crossed, by consumer, period and percent")
          .tags("consumer", alert.account(), "period", alert.period(), "percent", Integer.toString(alert.percent()))
          .register(registry)
          .increment();
    }
  }

  /** Each consumer's counters and spend on this replica, for the stats endpoint. */
  public Map<String, StatsView.ConsumerStats> stats() {
    Map<String, StatsView.ConsumerStats> stats = new TreeMap<>();
    byName.forEach((name, quota) -> stats.put(name, quota.stats()));
    return stats;
  }
}
