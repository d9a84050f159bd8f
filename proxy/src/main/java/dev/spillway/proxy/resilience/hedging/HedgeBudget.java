package dev.spillway.proxy.resilience.hedging;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Caps hedged calls at a share of all calls: every call earns {@code maxPercent} hundredths of a
 * hedge, a hedge spends one whole. Credit is capped at a small burst, so an incident's first slow
 * calls can all be hedged but a long one cannot double the load. Lock-free.
 */
public final class HedgeBudget {
  /** Hedges that may fire back to back when credit has built up. */
  static final long BURST = 10;
  private static final long ONE = 100;

  private final AtomicLong credit = new AtomicLong(BURST * ONE);

  public void onCall(int maxPercent) {
    long earned = Math.max(0, Math.min(100, maxPercent));
    credit.getAndUpdate(c -> Math.min(BURST * ONE, c + earned));
  }

  /** Spends one hedge if there is credit for it. */
  public boolean tryHedge() {
    while (true) {
      long c = credit.get();
      if (c < ONE) {
        return false;
      }
      if (credit.compareAndSet(c, c - ONE)) {
        return true;
      }
    }
  }
}
