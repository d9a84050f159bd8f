package dev.spillway.proxy.resilience.health;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Calls, failures and rate limits over a sliding window of fixed intervals: a ring of slots, each
 * stamped with the interval it counts. Recording is lock-free and allocation-free (a stale slot is
 * claimed by whoever first writes into its new interval); reads sum the slots still in the window.
 * A write racing a slot's reset can be lost: acceptable for health statistics.
 */
public final class WindowedCounters {
  private static final int CALLS = 0;
  private static final int FAILURES = 1;
  private static final int RATE_LIMITED = 2;
  private static final int FIELDS = 3;

  private final long intervalMs;
  private final int slots;
  private final AtomicLongArray epochs;
  private final AtomicLongArray counts;

  public WindowedCounters(long intervalMs, int slots) {
    this.intervalMs = intervalMs;
    this.slots = slots;
    this.epochs = new AtomicLongArray(slots);
    this.counts = new AtomicLongArray(slots * FIELDS);
    for (int i = 0; i < slots; i++) {
      epochs.set(i, -1);
    }
  }

  public void record(long nowMs, boolean failure, boolean rateLimited) {
    int slot = claim(nowMs / intervalMs);
    counts.incrementAndGet(slot * FIELDS + CALLS);
    if (failure) {
      counts.incrementAndGet(slot * FIELDS + FAILURES);
    }
    if (rateLimited) {
      counts.incrementAndGet(slot * FIELDS + RATE_LIMITED);
    }
  }

  /** Forgets everything counted so far. */
  public void reset() {
    for (int i = 0; i < slots; i++) {
      epochs.set(i, -1);
    }
  }

  private int claim(long epoch) {
    int slot = (int) (epoch % slots);
    long seen = epochs.get(slot);
    if (seen != epoch && epochs.compareAndSet(slot, seen, epoch)) {
      for (int f = 0; f < FIELDS; f++) {
        counts.set(slot * FIELDS + f, 0);
      }
    }
    return slot;
  }

  /** Totals over the last {@code windowMs} (at most the ring's span). */
  public Totals totals(long nowMs, long windowMs) {
    long current = nowMs / intervalMs;
    long oldest = current - Math.max(1, Math.min(slots, (windowMs + intervalMs - 1) / intervalMs)) + 1;
    long calls = 0;
    long failures = 0;
    long limited = 0;
    // Only the slots of the window are read: this runs for every candidate of every request.
    for (long epoch = oldest; epoch <= current; epoch++) {
      int i = (int) (epoch % slots);
      if (epochs.get(i) == epoch) {
        calls += counts.get(i * FIELDS + CALLS);
        failures += counts.get(i * FIELDS + FAILURES);
        limited += counts.get(i * FIELDS + RATE_LIMITED);
      }
    }
    return new Totals(calls, failures, limited);
  }

  /** Counts over a window. */
  public record Totals(long calls, long failures, long rateLimited) {
    public double failureRate() {
      return calls == 0 ? 0 : (double) failures / calls;
    }

    public double rateLimitRate() {
      return calls == 0 ? 0 : (double) rateLimited / calls;
    }
  }
}
