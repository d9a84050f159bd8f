package dev.spillway.proxy.consumers;

import dev.spillway.config.TargetConfig;
import dev.spillway.proxy.resilience.budget.Spend;
import dev.spillway.proxy.failover.ForwardingGate;
import dev.spillway.proxy.failover.TargetGate;
import dev.spillway.proxy.providers.Usage;
import dev.spillway.proxy.routing.Plan;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One admitted call's reservation against its consumer's quota. Its gate adds up what every
 * successful attempt used (a hedge that also answered was paid for too); {@link #settle} replaces
 * the reservation with that, once, when the exchange ends.
 */
public final class ConsumerCharge {
  private final ConsumerQuotas quotas;
  private final ConsumerQuota quota;
  private final long estimatedTokens;
  private final double estimateUsd;
  private final AtomicBoolean settled = new AtomicBoolean();
  private long tokens;
  private double usd;

  ConsumerCharge(ConsumerQuotas quotas, ConsumerQuota quota, long estimatedTokens, double estimateUsd) {
    this.quotas = quotas;
    this.quota = quota;
    this.estimatedTokens = estimatedTokens;
    this.estimateUsd = estimateUsd;
  }

  /** {@code gate}, reporting each successful attempt's usage to this charge too. */
  public TargetGate metering(TargetGate gate) {
    return new ForwardingGate(gate) {
      @Override
      public void succeeded(Plan plan, TargetConfig target, long latencyNanos, Usage usage) {
        used(usage, target);
        next.succeeded(plan, target, latencyNanos, usage);
      }
    };
  }

  private synchronized void used(Usage usage, TargetConfig target) {
    tokens += usage.totalTokens();
    usd += Spend.of(usage, target.pricing());
  }

  /** The call ended: charges what it used instead of the estimate. Later calls do nothing. */
  public void settle() {
    if (settled.compareAndSet(false, true)) {
      long usedTokens;
      double usedUsd;
      synchronized (this) {
        usedTokens = tokens;
        usedUsd = usd;
      }
      quotas.settled(quota, estimatedTokens, estimateUsd, usedTokens, usedUsd);
    }
  }
}
