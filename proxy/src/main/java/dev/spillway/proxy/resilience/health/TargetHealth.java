package dev.spillway.proxy.resilience.health;

import java.util.concurrent.TimeUnit;

/**
 * Live statistics of one target: call latency and time to first token over a sliding window, and
 * windowed call, failure and rate-limit counts, and the calls still in flight. Thread-safe;
 * recording never blocks.
 */
public final class TargetHealth {
  /** Length of one interval of every window. */
  public static final long INTERVAL_MS = 1_000;
  /** Intervals the counters keep: the longest error-rate window that can be asked for. */
  public static final int COUNTER_INTERVALS = 120;
  /** Intervals of the latency percentiles: recent enough to see a slowdown, long enough to be stable. */
  static final int LATENCY_INTERVALS = 10;

  private final WindowedCounters counters = new WindowedCounters(INTERVAL_MS, COUNTER_INTERVALS);
  private final LatencyWindow latency = new LatencyWindow(INTERVAL_MS, LATENCY_INTERVALS);
  private final LatencyWindow firstToken = new LatencyWindow(INTERVAL_MS, LATENCY_INTERVALS);
  private final InFlight inFlight = new InFlight();

  /** A call started at {@code startedNanos} ({@link System#nanoTime()}) and has not ended. */
  public void started(long startedNanos) {
    inFlight.started(startedNanos);
  }

  /** The call started at {@code startedNanos} is no longer in flight. */
  public void ended(long startedNanos) {
    inFlight.ended(startedNanos);
  }

  /** A finished call: its latency (negative when it says nothing about speed) and how it ended. */
  public void record(long nowMs, long latencyNanos, boolean failure, boolean rateLimited) {
    counters.record(nowMs, failure, rateLimited);
    if (!rateLimited && latencyNanos >= 0) { // a fast 429 says nothing about how fast the target serves
      latency.record(nowMs, TimeUnit.NANOSECONDS.toMicros(latencyNanos));
    }
  }

  public void recordFirstToken(long nowMs, long nanos) {
    firstToken.record(nowMs, TimeUnit.NANOSECONDS.toMicros(nanos));
  }

  /**
   * What the target normally does ({@link HealthSnapshot#typical}) without the rest of a snapshot:
   * the hedge delay, the adaptive timeouts and the deadline check read only this, on every attempt,
   * and a whole snapshot (window counters, in-flight ages) for each was a visible share of a call's CPU.
   */
  public LatencyPercentiles typical(long nowMs, boolean stream) {
    LatencyPercentiles ttft = stream ? firstToken.typical(nowMs) : LatencyPercentiles.EMPTY;
    return ttft.known() ? ttft : latency.typical(nowMs);
  }

  /**
   * Error and rate-limit rates over {@code windowMs}; latency over the fixed latency window; calls in
   * flight as of now; the latency the target normally has (its latest window with enough calls).
   */
  public HealthSnapshot snapshot(long nowMs, long windowMs) {
    return snapshot(nowMs, windowMs, 0);
  }

  /**
   * {@link #snapshot(long, long)} carrying the ages of only the calls in flight for more than
   * {@code agesOverMs} ({@link Long#MAX_VALUE}: none), for a reader that counts only those.
   */
  public HealthSnapshot snapshot(long nowMs, long windowMs, long agesOverMs) {
    WindowedCounters.Totals totals = counters.totals(nowMs, windowMs);
    LatencyPercentiles lat = latency.percentiles(nowMs);
    LatencyPercentiles ttft = firstToken.percentiles(nowMs);
    return new HealthSnapshot(
        totals.calls(),
        totals.failureRate(),
        totals.rateLimitRate(),
        lat.samples(),
        lat.p50Ms(),
        lat.p95Ms(),
        lat.p99Ms(),
        ttft.samples(),
        ttft.p50Ms(),
        ttft.p95Ms(),
        ttft.p99Ms(),
        inFlight.count(),
        inFlight.oldestAgesMs(System.nanoTime(), agesOverMs),
        latency.typical(nowMs),
        firstToken.typical(nowMs));
  }
}
