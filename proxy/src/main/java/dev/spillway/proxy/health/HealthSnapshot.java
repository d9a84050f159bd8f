package dev.spillway.proxy.health;

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
    long[] oldestInFlightMs) {

  public static final HealthSnapshot EMPTY =
      new HealthSnapshot(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, new long[0]);

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

  /** Calls in flight for longer than {@code ms} (counted among the oldest few dozen). */
  public int inFlightLongerThan(long ms) {
    int n = 0;
    while (n < oldestInFlightMs.length && oldestInFlightMs[n] > ms) {
      n++;
    }
    return n;
  }
}
