package dev.spillway.bench.load;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;

/**
 * Reads the parked streams (past their first token, waiting for their end) in rounds, a round
 * every period, but a slice of a round per turn of the generator's loop: at most {@code sliceNs}
 * of reading before the loop goes back to the selector. One pass over every parked stream was
 * O(open streams): at 5,000 streams, 5,000 reads in a row every 500 ms, during which the same
 * thread neither opened streams on schedule nor stamped first tokens — for direct as for the
 * proxy, on a box where that pass took tens of milliseconds when the cores were full.
 */
final class Sweep<T> {
  private final long periodNs;
  private final long sliceNs;
  private final LongSupplier clock;
  private List<T> round = List.of();
  private int next;
  private long nextRoundAt;

  Sweep(long periodNs, long sliceNs, LongSupplier clock) {
    this.periodNs = periodNs;
    this.sliceNs = sliceNs;
    this.clock = clock;
    this.nextRoundAt = clock.getAsLong() + periodNs;
  }

  /**
   * Reads the next slice: starts a round of the streams parked now once the period is up and the
   * last round is finished, then reads on while the slice lasts.
   *
   * @param parked the streams parked now (a round reads the ones parked when it started; those
   *     gone since are skipped)
   * @param read reads one stream; returns how many streams that ended (0 or 1)
   * @return streams ended by this slice
   */
  int slice(Collection<T> parked, ToIntFunction<T> read) {
    long now = clock.getAsLong();
    if (!pending() && now >= nextRoundAt) {
      round = new ArrayList<>(parked);
      next = 0;
      nextRoundAt = now + periodNs;
    }
    int ended = 0;
    long until = now + sliceNs;
    while (pending() && clock.getAsLong() < until) {
      T stream = round.get(next++);
      if (parked.contains(stream)) {
        ended += read.applyAsInt(stream);
      }
    }
    return ended;
  }

  /** Whether a round is part-read: the loop must come back at once rather than wait in the selector. */
  boolean pending() {
    return next < round.size();
  }

  /** Nanoseconds until the next round is due (0 while one is part-read). */
  long untilNextNs() {
    return pending() ? 0 : Math.max(0, nextRoundAt - clock.getAsLong());
  }
}
