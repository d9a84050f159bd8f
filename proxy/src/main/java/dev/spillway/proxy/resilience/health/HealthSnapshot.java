package dev.spillway.proxy.resilience.health;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * One target's recent health, as read at one moment.
 *
 * @param calls finished calls in the error window
 * @param errorRate failed calls / calls in the error window (0 with no calls)
 * @param rateLimitRate 429 answers / calls in the error window
 * @param latencySamples calls behind the latency percentiles
 * @param ttftSamples streams behind the time-to-first-token percentiles
 * @param inFlight calls started and not ended (a stream ends here at its first token)
 * @param oldestInFlightMs ages of the oldest calls in flight, oldest first (at most a few dozen): only
 *     those over the age its reader counts from (the latency trigger's threshold; 0 ms when unsaid)
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
    int inFlight = 0;
    double errors = 0;
    double rateLimited = 0;
    List<Long> oldest = new ArrayList<>();
    for (HealthSnapshot s : snapshots) {
      calls += s.calls;
      errors += s.errorRate * s.calls;
      rateLimited += s.rateLimitRate * s.calls;
      inFlight += s.inFlight;
      for (long age : s.oldestInFlightMs) {
        oldest.add(age);
      }
    }
    oldest.sort(Comparator.reverseOrder());
    long[] ages = oldest.stream().limit(MAX_OLDEST_POOLED).mapToLong(Long::longValue).toArray();
    LatencyPercentiles latency = pooled(snapshots, HealthSnapshot::latency);
    LatencyPercentiles ttft = pooled(snapshots, HealthSnapshot::ttft);
    return new HealthSnapshot(calls, share(errors, calls), share(rateLimited, calls),
        latency.samples(), latency.p50Ms(), latency.p95Ms(), latency.p99Ms(),
        ttft.samples(), ttft.p50Ms(), ttft.p95Ms(), ttft.p99Ms(),
        inFlight, ages, pooled(snapshots, HealthSnapshot::typicalLatency), pooled(snapshots, HealthSnapshot::typicalTtft));
  }

  private static LatencyPercentiles pooled(List<HealthSnapshot> snapshots,
      Function<HealthSnapshot, LatencyPercentiles> part) {
    return LatencyPercentiles.pooled(snapshots.stream().map(part).toList());
  }

  /** The recent window's call latency. */
  private LatencyPercentiles latency() {
    return new LatencyPercentiles(latencySamples, p50Ms, p95Ms, p99Ms);
  }

  /** The recent window's time to first token. */
  private LatencyPercentiles ttft() {
    return new LatencyPercentiles(ttftSamples, ttftP50Ms, ttftP95Ms, ttftP99Ms);
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
