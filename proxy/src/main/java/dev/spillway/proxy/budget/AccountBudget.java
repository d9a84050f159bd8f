package dev.spillway.proxy.budget;

import dev.spillway.config.BudgetConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One account's spend in the current budget period. A call reserves its estimated cost on admission
 * and settles the real cost when it ends, so concurrent calls cannot together overshoot a blocking
 * budget. Crossing an alert threshold (and 100 %) yields alerts, each once per period.
 */
public final class AccountBudget {
  public static final String BLOCK = "block";

  private final String account;
  private final BudgetConfig config;
  private Instant periodStart;
  private Instant nextPeriodStart;
  private double spentUsd;
  private double reservedUsd;
  private int alertedPercent;

  /** @param account whose budget it is: an account's name, or a consumer's */
  public AccountBudget(String account, BudgetConfig config, Instant now) {
    this.account = account;
    this.config = config;
    this.periodStart = BudgetPeriod.start(config.period(), now);
    this.nextPeriodStart = BudgetPeriod.next(config.period(), periodStart);
  }

  public BudgetConfig config() {
    return config;
  }

  /** When the current period ends and spend starts again from zero. */
  public synchronized Instant periodEnd(Instant now) {
    rollPeriod(now);
    return nextPeriodStart;
  }

  /**
   * Reserves {@code estimateUsd}; refused (false) only when the budget blocks and the reservation
   * would take spend past the amount.
   */
  public synchronized boolean reserve(double estimateUsd, Instant now) {
    rollPeriod(now);
    if (blocks() && spentUsd + reservedUsd + estimateUsd > config.amountUsd()) {
      return false;
    }
    reservedUsd += estimateUsd;
    return true;
  }

  /** The call ended: its reservation goes, its real cost counts. Returns alerts newly crossed. */
  public List<BudgetAlert> settle(double reservedEstimateUsd, double actualUsd, Instant now) {
    synchronized (this) {
      rollPeriod(now);
      reservedUsd = Math.max(0, reservedUsd - reservedEstimateUsd);
      spentUsd += actualUsd;
      return crossed();
    }
  }

  /** Spend (with reservations) has reached the amount. */
  public synchronized boolean exhausted(Instant now) {
    rollPeriod(now);
    return spentUsd + reservedUsd >= config.amountUsd();
  }

  public synchronized double spentUsd() {
    return spentUsd;
  }

  public synchronized double remainingUsd() {
    return Math.max(0, config.amountUsd() - spentUsd - reservedUsd);
  }

  public boolean blocks() {
    return BLOCK.equals(config.onExhausted());
  }

  private List<BudgetAlert> crossed() {
    double percent = config.amountUsd() <= 0 ? 100 : spentUsd * 100 / config.amountUsd();
    List<BudgetAlert> alerts = new ArrayList<>();
    List<Integer> thresholds = new ArrayList<>(config.alertAtPercent());
    if (!thresholds.contains(100)) {
      thresholds.add(100);
    }
    thresholds.sort(null);
    for (int threshold : thresholds) {
      if (threshold > alertedPercent && percent >= threshold) {
        alertedPercent = threshold;
        alerts.add(new BudgetAlert(
            account, threshold, spentUsd, config.amountUsd(), config.period(), periodStart, config.onExhausted()));
      }
    }
    return alerts;
  }

  private void rollPeriod(Instant now) {
    if (now.isBefore(nextPeriodStart)) {
      return; // the usual case, and cheap: calendar arithmetic only when a period ends
    }
    Instant start = BudgetPeriod.start(config.period(), now);
    if (start.isAfter(periodStart)) {
      periodStart = start;
      nextPeriodStart = BudgetPeriod.next(config.period(), start);
      spentUsd = 0;
      alertedPercent = 0;
    }
  }
}
