package dev.spillway.proxy.resilience.budget;

import dev.spillway.config.BudgetConfig;
import dev.spillway.proxy.shared.SharedSpend;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * One account's spend in the current budget period. A call reserves its estimated cost on admission
 * and settles the real cost when it ends, so concurrent calls cannot together overshoot a blocking
 * budget. Crossing an alert threshold (and 100 %) yields alerts, each once per period.
 *
 * <p>With shared state, the spend and reservations live in Redis (see {@link SharedSpend}) and this
 * object mirrors the last known spend. While Redis is gone, the budget continues from that spend:
 * a blocking budget lets this replica spend its share (divided by the live replicas) of what was
 * left, and what it spent is pushed back by {@link #reconcile} when Redis returns.
 */
public final class AccountBudget {
  public static final String BLOCK = "block";
  /** Past a period's end, its shared ledger lingers this long (reconciliation may still add to it). */
  private static final Duration LEDGER_GRACE = Duration.ofDays(1);

  private final String account;
  private final BudgetConfig config;
  private final List<Integer> thresholds;
  private final SharedSpend shared;
  private final Consumer<List<BudgetAlert>> lateAlerts;
  private Instant periodStart;
  private Instant nextPeriodStart;
  /** All spend known this period: the shared ledger's at its last answer plus this replica's since. */
  private double spentUsd;
  /** Reservations of this replica not in the shared ledger. */
  private double reservedUsd;
  /** The shared ledger's reservations at its last answer. */
  private double sharedReservedUsd;
  /** Spend, and shared reservations released, while Redis was gone: for {@link #reconcile}. */
  private double unsyncedSpentUsd;
  private double unsyncedReleasedUsd;
  private int alertedPercent;

  /** @param account whose budget it is: an account's name, or a consumer's */
  public AccountBudget(String account, BudgetConfig config, Instant now) {
    this(account, config, now, null, alerts -> { });
  }

  /**
   * @param shared the shared ledgers, or null to keep the spend on this replica alone
   * @param lateAlerts hears the alerts a shared settlement crossed, once its answer comes
   */
  public AccountBudget(String account, BudgetConfig config, Instant now, SharedSpend shared,
      Consumer<List<BudgetAlert>> lateAlerts) {
    this.account = account;
    this.config = config;
    this.shared = shared;
    this.lateAlerts = lateAlerts;
    this.periodStart = BudgetPeriod.start(config.period(), now);
    this.nextPeriodStart = BudgetPeriod.next(config.period(), periodStart);
    List<Integer> levels = new ArrayList<>(config.alertAtPercent());
    if (!levels.contains(100)) {
      levels.add(100);
    }
    levels.sort(null);
    this.thresholds = List.copyOf(levels);
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
  public boolean reserve(double estimateUsd, Instant now) {
    String ledger;
    synchronized (this) {
      rollPeriod(now);
      ledger = ledger();
    }
    SharedSpend.Reservation answer = shared == null ? null
        : shared.reserve(ledger, config.amountUsd(), estimateUsd, blocks(), ledgerTtlMs(now));
    synchronized (this) {
      if (answer != null) {
        spentUsd = answer.spentUsd() + unsyncedSpentUsd;
        sharedReservedUsd = answer.reservedUsd();
        return answer.admitted();
      }
      if (blocks() && unsyncedSpentUsd + reservedUsd + estimateUsd > localAllowanceUsd()) {
        return false;
      }
      reservedUsd += estimateUsd;
      return true;
    }
  }

  /**
   * What this replica may spend: everything left without shared state; while it is gone, this
   * replica's share of what was left when it went.
   */
  private double localAllowanceUsd() {
    if (shared == null) {
      return config.amountUsd() - spentUsd;
    }
    double leftAtOutage = config.amountUsd() - (spentUsd - unsyncedSpentUsd) - sharedReservedUsd;
    return Math.max(0, leftAtOutage) / shared.state().replicas();
  }

  /** The call ended: its reservation goes, its real cost counts. Returns alerts newly crossed. */
  public List<BudgetAlert> settle(double reservedEstimateUsd, double actualUsd, Instant now) {
    String ledger;
    double sharedRelease;
    synchronized (this) {
      rollPeriod(now);
      ledger = ledger();
      // Reserved here (local state, or while Redis was gone) or in the shared ledger?
      boolean reservedHere = reservedEstimateUsd > 0 && reservedUsd >= reservedEstimateUsd - 1e-12;
      if (shared == null || reservedHere) {
        reservedUsd = Math.max(0, reservedUsd - reservedEstimateUsd);
      }
      sharedRelease = shared == null || reservedHere ? 0 : reservedEstimateUsd;
    }
    CompletionStage<SharedSpend.Settled> answer = shared == null ? null
        : shared.settle(ledger, config.amountUsd(), sharedRelease, actualUsd, ledgerTtlMs(now), thresholds);
    synchronized (this) {
      spentUsd += actualUsd;
      if (answer == null) {
        if (shared != null) {
          unsync(actualUsd, sharedRelease);
        }
        return crossed();
      }
    }
    answer.whenComplete((settled, failure) -> sharedSettled(settled, failure, actualUsd, sharedRelease));
    return List.of();
  }

  private void sharedSettled(SharedSpend.Settled settled, Throwable failure, double actualUsd, double estimateUsd) {
    List<BudgetAlert> alerts = new ArrayList<>();
    synchronized (this) {
      if (failure != null) { // Redis went away with it: reconciled when it is back
        unsync(actualUsd, estimateUsd);
        return;
      }
      spentUsd = Math.max(spentUsd, settled.spentUsd() + unsyncedSpentUsd);
      for (int percent : settled.crossed()) {
        alertedPercent = Math.max(alertedPercent, percent);
        alerts.add(alert(percent));
      }
    }
    if (!alerts.isEmpty()) {
      lateAlerts.accept(alerts);
    }
  }

  private void unsync(double spent, double released) {
    unsyncedSpentUsd += spent;
    unsyncedReleasedUsd += released;
  }

  /** Shared state is back: what this replica spent (and released) meanwhile goes to the shared ledger. */
  public void reconcile(Instant now) {
    double spent;
    double released;
    String ledger;
    synchronized (this) {
      rollPeriod(now);
      if (shared == null || unsyncedSpentUsd == 0 && unsyncedReleasedUsd == 0) {
        return;
      }
      spent = unsyncedSpentUsd;
      released = unsyncedReleasedUsd;
      unsyncedSpentUsd = 0;
      unsyncedReleasedUsd = 0;
      ledger = ledger();
    }
    shared.reconcile(ledger, spent, released, ledgerTtlMs(now));
  }

  /** Spend (with reservations) has reached the amount. */
  public synchronized boolean exhausted(Instant now) {
    rollPeriod(now);
    return spentUsd + reservedUsd + sharedReservedUsd >= config.amountUsd();
  }

  public synchronized double spentUsd() {
    return spentUsd;
  }

  public synchronized double remainingUsd() {
    return Math.max(0, config.amountUsd() - spentUsd - reservedUsd - sharedReservedUsd);
  }

  public boolean blocks() {
    return BLOCK.equals(config.onExhausted());
  }

  private String ledger() {
    return shared == null ? null : shared.ledger(account, config.period(), periodStart.getEpochSecond());
  }

  private long ledgerTtlMs(Instant now) {
    return Math.max(1, Duration.between(now, nextPeriodStart).plus(LEDGER_GRACE).toMillis());
  }

  private List<BudgetAlert> crossed() {
    double percent = config.amountUsd() <= 0 ? 100 : spentUsd * 100 / config.amountUsd();
    List<BudgetAlert> alerts = new ArrayList<>();
    for (int threshold : thresholds) {
      if (threshold > alertedPercent && percent >= threshold) {
        alertedPercent = threshold;
        alerts.add(alert(threshold));
      }
    }
    return alerts;
  }

  private BudgetAlert alert(int percent) {
    return new BudgetAlert(account, percent, spentUsd, config.amountUsd(), config.period(), periodStart,
        config.onExhausted());
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
      sharedReservedUsd = 0;
      unsyncedSpentUsd = 0;
      unsyncedReleasedUsd = 0;
      alertedPercent = 0;
    }
  }
}
