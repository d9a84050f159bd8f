package dev.spillway.proxy.resilience.health;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One target's recent health, as read at one moment.
 *
 * @param calls finished calls in the error window
 * @param errorRate failed calls / calls in the error window (0 with no calls)
 * @param rateLimitRate 429 answers / calls in the error window
 * @param latencySamples calls behind the latency percentiles
 * @param ttftSamples streams behind the time-to-first-token percentiles
 * @param inFlight calls started and not ended (a stream ends here at its first token)
 * @param oldestInFlightMs ages of the oldest calls in flight, oldest first (at most a few dozen)
 * @param typicalLatency the target's latency as it normally is: its latest latency window with enough
 *     calls, however long ago (what hedge delays, adaptive timeouts and deadline estimates go by, so a
 *     target with little traffic keeps them; triggers and scores judge only the recent window)
 * @param typicalTtft the same for time to first token
 */
public record HealthSnapshot(
    long calls,
    double errorRate,
    double rateLimitRate,
    long latencySamples,
    double p50Ms,
    double p95Ms,
    double p99Ms,
    long ttftSamples,
    double ttftP50Ms,
    double ttftP95Ms,
    double ttftP99Ms,
    int inFlight,
    long[] oldestInFlightMs,
    LatencyPercentiles typicalLatency,
    LatencyPercentiles typicalTtft) {

  /** Pooled snapshots keep the oldest calls of all their targets up to this many. */
  private static final int MAX_OLDEST_POOLED = 64;

  public static final HealthSnapshot EMPTY =
      new HealthSnapshot(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, new long[0], LatencyPercentiles.EMPTY,
          LatencyPercentiles.EMPTY);

  /**
   * Several targets' health as one: calls pooled, rates and percentiles weighted by the calls behind
   * them (a true percentile of the union cannot be rebuilt from percentiles; the weighted mean is
   * exact when the targets see the same distribution), in-flight calls together.
   */
  public static HealthSnapshot pooled(List<HealthSnapshot> snapshots) {
    if (snapshots.size() == 1) {
      return snapshots.get(0);
    }
    long calls = 0;
    long latencySamples = 0;
    long ttftSamples = 0;
    int inFlight = 0;
    double errors = 0;
    double rateLimited = 0;
    double[] latency = new double[3];
    double[] ttft = new double[3];
    List<Long> oldest = new ArrayList<>();
    List<LatencyPercentiles> typicalLatency = new ArrayList<>();
    List<LatencyPercentiles> typicalTtft = new ArrayList<>();
    for (HealthSnapshot s : snapshots) {
      typicalLatency.add(s.typicalLatency);
      typicalTtft.add(s.typicalTtft);
      calls += s.calls;
      errors += s.errorRate * s.calls;
      rateLimited += s.rateLimitRate * s.calls;
      latencySamples += s.latencySamples;
      latency[0] += s.p50Ms * s.latencySamples;
      latency[1] += s.p95Ms * s.latencySamples;
      latency[2] += s.p99Ms * s.latencySamples;
      ttftSamples += s.ttftSamples;
      ttft[0] += s.ttftP50Ms * s.ttftSamples;
      ttft[1] += s.ttftP95Ms * s.ttftSamples;
      ttft[2] += s.ttftP99Ms * s.ttftSamples;
      inFlight += s.inFlight;
      for (long age : s.oldestInFlightMs) {
        oldest.add(age);
      }
    }
    oldest.sort(Comparator.reverseOrder());
    long[] ages = oldest.stream().limit(MAX_OLDEST_POOLED).mapToLong(Long::longValue).toArray();
    return new HealthSnapshot(calls, share(errors, calls), share(rateLimited, calls), latencySamples,
        share(latency[0], latencySamples), share(latency[1], latencySamples), share(latency[2], latencySamples),
        ttftSamples, share(ttft[0], ttftSamples), share(ttft[1], ttftSamples), share(ttft[2], ttftSamples),
        inFlight, ages, LatencyPercentiles.pooled(typicalLatency), LatencyPercentiles.pooled(typicalTtft));
  }

  private static double share(double weighted, long samples) {
    return samples == 0 ? 0 : weighted / samples;
  }

  /** The latency the target is judged by: time to first token for streams when known. */
  public double p95Ms(boolean stream) {
    return stream && ttftSamples > 0 ? ttftP95Ms : p95Ms;
  }

  public double p50Ms(boolean stream) {
    return stream && ttftSamples > 0 ? ttftP50Ms : p50Ms;
  }

  public double p99Ms(boolean stream) {
    return stream && ttftSamples > 0 ? ttftP99Ms : p99Ms;
  }

  public long latencySamples(boolean stream) {
    return stream && ttftSamples > 0 ? ttftSamples : latencySamples;
  }

  /** What the target normally does: time to first token for streams when known. */
  public LatencyPercentiles typical(boolean stream) {
    return stream && typicalTtft.known() ? typicalTtft : typicalLatency;
  }

  /** Calls in flight for longer than {@code ms} (counted among the oldest few dozen). */
  public int inFlightLongerThan(long ms) {
    int n = 0;
    while (n < oldestInFlightMs.length && oldestInFlightMs[n] > ms) {
      n++;
    }
    return n;
  }
}
