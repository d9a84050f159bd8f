package dev.spillway.proxy.health;

/**
 * One target's recent health, as read at one moment.
 *
 * @param calls finished calls in the error window
 * @param errorRate failed calls / calls in the error window (0 with no calls)
 * @param rateLimitRate 429 answers / calls in the error window
 * @param latencySamples calls behind the latency percentiles
 * @param ttftSamples streams behind the time-to-first-token percentile
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
    double ttftP95Ms) {

  public static final HealthSnapshot EMPTY = new HealthSnapshot(0, 0, 0, 0, 0, 0, 0, 0, 0);

  /** The latency the target is judged by: time to first token for streams when known. */
  public double p95Ms(boolean stream) {
    return stream && ttftSamples > 0 ? ttftP95Ms : p95Ms;
  }

  public long latencySamples(boolean stream) {
    return stream && ttftSamples > 0 ? ttftSamples : latencySamples;
  }
}
