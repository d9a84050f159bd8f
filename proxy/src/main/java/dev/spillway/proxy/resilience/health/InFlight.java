package dev.spillway.proxy.resilience.health;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The calls of one target that have started and not ended, by start time: health reads the age of
 * the oldest as latency now, so a target whose calls hang is seen while they hang rather than when
 * they time out.
 *
 * <p>Calls are counted per millisecond of start time ({@link Bucket}), not kept one by one: ages
 * are read in whole milliseconds anyway, each from the end of its millisecond (at most 1 ms less
 * than the call's own, never more, so no call is judged slow before it is). A busy target's calls
 * nearly all start in the millisecond being counted ({@link #current}) or the one before, so a
 * start and an end are one atomic add on a bucket at hand — where a skip-list entry per call cost a
 * node insert and removal, contended by every IO thread: ~2.5 % of an IO thread's samples, ~5 % of
 * a plain call's Java (async-profiler, 16 connections). The skip list now holds a node per
 * millisecond with calls in flight, made and removed once per millisecond rather than once per
 * call. Lock-free.
 */
final class InFlight {
  /** Oldest calls whose ages a snapshot carries: enough to judge a p95 over any window we keep. */
  static final int OLDEST_KEPT = 64;
  private static final long BUCKET_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  /** Start millisecond ({@link System#nanoTime()} ÷ 1 ms, rounded down) → its calls in flight. */
  private final ConcurrentSkipListMap<Long, Bucket> starts = new ConcurrentSkipListMap<>();
  /** Calls in flight: a counter per contending thread, so the IO threads do not write one field. */
  private final LongAdder count = new LongAdder();
  /**
   * The bucket of the latest start: the one nearly every start and end finds without the map. It
   * only moves forward, so a bucket that is no longer current never is again.
   */
  private final AtomicReference<Bucket> current = new AtomicReference<>(new Bucket(Long.MIN_VALUE));
  /** The bucket current before it, if not retired since: a hint only ({@link #recent}). */
  private volatile Bucket previous = current.get();

  void started(long startedNanos) {
    long ms = millisecond(startedNanos);
    Bucket bucket = recent(ms);
    while (bucket == null || !bucket.join()) {
      bucket = starts.computeIfAbsent(ms, Bucket::new);
      if (bucket.join()) {
        makeCurrent(bucket);
        break;
      }
      starts.remove(ms, bucket); // emptied and retired meanwhile: make it anew
      bucket = null;
    }
    count.increment();
  }

  void ended(long startedNanos) {
    long ms = millisecond(startedNanos);
    Bucket bucket = recent(ms);
    if (bucket == null || !bucket.leave()) {
      // Not a recent one's, or the previous one was emptied and retired since, and the call is
      // in a bucket a late start made anew for the same millisecond.
      bucket = starts.get(ms);
      if (bucket == null || !bucket.leave()) {
        return; // not started here (or already ended): nothing to count down
      }
    }
    count.decrement();
    if (bucket != current.get()) {
      retire(bucket);
    }
  }

  /**
   * The current or the previous bucket when it is {@code ms}'s, else null. The previous one too:
   * a call's start time is read before it is counted in, so with several IO threads one often
   * counts in a call of the millisecond before the current one.
   */
  private Bucket recent(long ms) {
    Bucket bucket = current.get();
    if (bucket.ms == ms) {
      return bucket;
    }
    bucket = previous;
    return bucket.ms == ms ? bucket : null;
  }

  /** {@code bucket} becomes current if it is later than the current one, which is then retired if empty. */
  private void makeCurrent(Bucket bucket) {
    for (Bucket older = current.get(); bucket.ms > older.ms; older = current.get()) {
      if (current.compareAndSet(older, bucket)) {
        previous = older;
        retire(older);
        return;
      }
    }
  }

  /**
   * Takes {@code bucket} out of the map once it is empty and no longer current. Whichever comes
   * last — its last call ending, or a later millisecond becoming current — sees both (the count
   * and {@link #current} are both read after being written), so an emptied bucket is not left
   * behind; the retire mark makes sure only one removes it, and that no start joins it after.
   */
  private void retire(Bucket bucket) {
    if (bucket != current.get() && bucket.retireIfEmpty()) {
      starts.remove(bucket.ms, bucket);
    }
  }

  int count() {
    return (int) Math.max(0, count.sum());
  }

  /** Milliseconds the map holds a bucket for: those with calls in flight, and at most the current one besides. */
  int bucketsHeld() {
    return starts.size();
  }

  /**
   * Ages in ms of the oldest calls in flight that are older than {@code overMs}, oldest first, at
   * most {@link #OLDEST_KEPT}. What reads them counts calls over a latency threshold, so younger
   * ones are left out: a snapshot is taken for each candidate of every call, and on a busy target
   * the oldest call is usually younger than any threshold — then it reads one entry and allocates
   * nothing.
   */
  long[] oldestAgesMs(long nowNanos, long overMs) {
    int n = Math.min(OLDEST_KEPT, count());
    if (n <= 0 || overMs == Long.MAX_VALUE) { // no age is over "never": nothing to read
      return EMPTY;
    }
    // The key only: firstEntry() would copy the entry for every candidate of every call.
    Long oldest = starts.ceilingKey(Long.MIN_VALUE);
    if (oldest == null || ageMs(nowNanos, oldest) <= overMs) {
      return EMPTY;
    }
    long[] ages = new long[n];
    int i = 0;
    for (Map.Entry<Long, Bucket> e : starts.entrySet()) {
      long age = ageMs(nowNanos, e.getKey());
      if (age <= overMs) {
        break; // the rest are younger still
      }
      for (int c = e.getValue().calls(); c > 0 && i < n; c--) {
        ages[i++] = age;
      }
      if (i >= n) {
        break;
      }
    }
    return i == n ? ages : java.util.Arrays.copyOf(ages, i);
  }

  /** The bucket's key for a {@link System#nanoTime()} reading: its millisecond, rounded down. */
  private static long millisecond(long nanos) {
    return Math.floorDiv(nanos, BUCKET_NANOS);
  }

  /** From the end of the start millisecond: a call is never older than it reads. */
  private static long ageMs(long nowNanos, long startMs) {
    return TimeUnit.NANOSECONDS.toMillis(nowNanos - (startMs + 1) * BUCKET_NANOS);
  }

  /** The calls in flight that started in one millisecond; retired (for good) once emptied. */
  private static final class Bucket {
    private static final int RETIRED = -1;
    final long ms;
    private final AtomicInteger calls = new AtomicInteger();

    Bucket(long ms) {
      this.ms = ms;
    }

    /** Counts a call in, unless the bucket was retired. */
    boolean join() {
      for (int c = calls.get(); c != RETIRED; c = calls.get()) {
        if (calls.compareAndSet(c, c + 1)) {
          return true;
        }
      }
      return false;
    }

    /** Counts a call out, unless there is none to count out. */
    boolean leave() {
      for (int c = calls.get(); c > 0; c = calls.get()) {
        if (calls.compareAndSet(c, c - 1)) {
          return true;
        }
      }
      return false;
    }

    boolean retireIfEmpty() {
      return calls.compareAndSet(0, RETIRED);
    }

    int calls() {
      return Math.max(0, calls.get());
    }
  }

  private static final long[] EMPTY = new long[0];
}
