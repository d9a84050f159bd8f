package dev.spillway.proxy.resilience.health;

import java.util.concurrent.locks.ReentrantLock;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latency percentiles over a sliding window. Calls record into an HdrHistogram {@link Recorder}
 * (wait-free, no allocation); once per interval whoever notices the interval has ended swaps the
 * recorder's interval histogram into a ring and recomputes the window's percentiles, which readers
 * then get from a cached immutable {@link Percentiles}. No per-request merging.
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
  private volatile Percentiles cached = Percentiles.EMPTY;

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
  Percentiles percentiles(long nowMs) {
    roll(nowMs);
    return cached;
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
    } finally {
      rolling.unlock();
    }
  }

  private Percentiles summarize(long epoch) {
    window.reset();
    for (int i = 0; i < intervals; i++) {
      if (ring[i] != null && ringEpochs[i] >= epoch - intervals && ringEpochs[i] < epoch) {
        window.add(ring[i]);
      }
    }
    long count = window.getTotalCount();
    if (count == 0) {
      return Percentiles.EMPTY;
    }
    return new Percentiles(
        count,
        window.getValueAtPercentile(50) / 1000.0,
        window.getValueAtPercentile(95) / 1000.0,
        window.getValueAtPercentile(99) / 1000.0);
  }

  /** Milliseconds; zero with no samples. */
  record Percentiles(long samples, double p50Ms, double p95Ms, double p99Ms) {
    static final Percentiles EMPTY = new Percentiles(0, 0, 0, 0);
  }
}
