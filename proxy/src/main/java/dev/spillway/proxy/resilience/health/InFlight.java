package dev.spillway.proxy.resilience.health;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The calls of one target that have started and not ended, by start time: health reads the age of
 * the oldest as latency now, so a target whose calls hang is seen while they hang rather than when
 * they time out. Lock-free; a start and an end cost one skip-list update each.
 */
final class InFlight {
  /** Oldest calls whose ages a snapshot carries: enough to judge a p95 over any window we keep. */
  static final int OLDEST_KEPT = 64;

  /** Start time ({@link System#nanoTime()}) → calls started at that instant. */
  private final ConcurrentSkipListMap<Long, Integer> starts = new ConcurrentSkipListMap<>();
  private final AtomicInteger count = new AtomicInteger();

  void started(long startedNanos) {
    starts.merge(startedNanos, 1, Integer::sum);
    count.incrementAndGet();
  }

  void ended(long startedNanos) {
    // Nearly every start instant holds one call: removing it is one atomic step, without the lambda
    // and its capture that the general case below allocates on every call.
    if (starts.remove(startedNanos, ONE)) {
      count.decrementAndGet();
      return;
    }
    boolean[] found = {false};
    starts.computeIfPresent(startedNanos, (at, calls) -> {
      found[0] = true;
      return calls == 1 ? null : calls - 1;
    });
    if (found[0]) {
      count.decrementAndGet();
    }
  }

  int count() {
    return count.get();
  }

  /**
   * Ages in ms of the oldest calls in flight that are older than {@code overMs}, oldest first, at
   * most {@link #OLDEST_KEPT}. What reads them counts calls over a latency threshold, so younger
   * ones are left out: a snapshot is taken for each candidate of every call, and on a busy target
   * the oldest call is usually younger than any threshold — then it reads one entry and allocates
   * nothing.
   */
  long[] oldestAgesMs(long nowNanos, long overMs) {
    int n = Math.min(OLDEST_KEPT, count.get());
    if (n <= 0 || overMs == Long.MAX_VALUE) { // no age is over "never": nothing to read
      return EMPTY;
    }
    // The key only: firstEntry() would copy the entry for every candidate of every call.
    Long oldest = starts.ceilingKey(Long.MIN_VALUE);
    if (oldest == null || TimeUnit.NANOSECONDS.toMillis(nowNanos - oldest) <= overMs) {
      return EMPTY;
    }
    long[] ages = new long[n];
    int i = 0;
    for (Map.Entry<Long, Integer> e : starts.entrySet()) {
      long age = TimeUnit.NANOSECONDS.toMillis(nowNanos - e.getKey());
      if (age <= overMs) {
        break; // the rest are younger still
      }
      for (int c = 0; c < e.getValue() && i < n; c++) {
        ages[i++] = age;
      }
      if (i >= n) {
        break;
      }
    }
    return i == n ? ages : java.util.Arrays.copyOf(ages, i);
  }

  private static final long[] EMPTY = new long[0];
  private static final Integer ONE = 1;
}
