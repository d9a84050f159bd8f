package dev.spillway.proxy.resilience.health;

import java.util.concurrent.locks.ReentrantLock;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latency percentiles over a sliding window. Calls record into an HdrHistogram {@link Recorder}
 * (wait-free, no allocation); once per interval whoever notices the interval has ended swaps the
 * recorder's interval histogram into a ring and recomputes the window's percentiles, which readers
 * then get from a cached immutable {@link LatencyPercentiles}. No per-request merging.
 *
 * <p>It also keeps the last window that held enough calls to go by ({@link #typical}): what the
 * target normally does. A target with a call every few seconds never fills a ten-second window, yet
 * its hedge delay and adaptive timeouts must still know that it answers in 40 ms, not wait two
 * minutes on a hung call because nothing is known.
 */
final class LatencyWindow {
  /** Longest latency kept exactly; longer calls count as this (they are all "too slow"). */
  static final long MAX_MICROS = 10 * 60 * 1_000_000L;

  private final long intervalMs;
  private final int intervals;
  private final Recorder recorder = new Recorder(MAX_MICROS, 2);
  private final Histogram[] ring;
  private final long[] ringEpochs;
  private final Histogram window = new Histogram(MAX_MICROS, 2);
  private final ReentrantLock rolling = new ReentrantLock();
  private Histogram recycled;
  private volatile long currentEpoch = Long.MIN_VALUE;
  private volatile LatencyPercentiles cached = LatencyPercentiles.EMPTY;
  private volatile LatencyPercentiles typical = LatencyPercentiles.EMPTY;

  LatencyWindow(long intervalMs, int intervals) {
    this.intervalMs = intervalMs;
    this.intervals = intervals;
    this.ring = new Histogram[intervals];
    this.ringEpochs = new long[intervals];
    java.util.Arrays.fill(ringEpochs, Long.MIN_VALUE);
  }

  void record(long nowMs, long micros) {
    roll(nowMs);
    recorder.recordValue(Math.max(0, Math.min(MAX_MICROS, micros)));
  }

  /** Percentiles of the completed intervals in the window. */
  LatencyPercentiles percentiles(long nowMs) {
    roll(nowMs);
    return cached;
  }

  /** The latest window's percentiles that had enough calls behind them, however long ago. */
  LatencyPercentiles typical(long nowMs) {
    roll(nowMs);
    return typical;
  }

  private void roll(long nowMs) {
    long epoch = nowMs / intervalMs;
    if (epoch == currentEpoch || !rolling.tryLock()) {
      return;
    }
    try {
      long ended = currentEpoch;
      if (epoch == ended) {
        return;
      }
      Histogram interval = recorder.getIntervalHistogram(recycled);
      if (ended != Long.MIN_VALUE) {
        int slot = (int) Math.floorMod(ended, (long) intervals);
        recycled = ring[slot];
        ring[slot] = interval;
        ringEpochs[slot] = ended;
      } else {
        recycled = interval;
      }
      currentEpoch = epoch;
      cached = summarize(epoch);
      // When nobody looked for a while (a gap since the interval just closed), the window as of now
      // may have aged out calls that, as of that interval's end, made a window worth going by.
      boolean gap = ended != Long.MIN_VALUE && ended + 1 != epoch;
      LatencyPercentiles learnt = cached.known() || !gap ? cached : summarize(ended + 1);
      if (learnt.known()) {
        typical = learnt;
      }
    } finally {
      rolling.unlock();
    }
  }

  private LatencyPercentiles summarize(long epoch) {
    window.reset();
    for (int i = 0; i < intervals; i++) {
      if (ring[i] != null && ringEpochs[i] >= epoch - intervals && ringEpochs[i] < epoch) {
        window.add(ring[i]);
      }
    }
    long count = window.getTotalCount();
    if (count == 0) {
      return LatencyPercentiles.EMPTY;
    }
    return new LatencyPercentiles(
        count,
        window.getValueAtPercentile(50) / 1000.0,
        window.getValueAtPercentile(95) / 1000.0,
        window.getValueAtPercentile(99) / 1000.0);
  }
}
