package dev.spillway.proxy.providers.http;

/**
 * Bounds on what an upstream may send, so a broken or hostile provider costs one failed attempt
 * (which fails over like any other) instead of the heap or a thread.
 *
 * @param maxBodyBytes a whole answer (a plain call's body, an error body, audio) larger than this
 *     fails the attempt as {@link dev.spillway.proxy.providers.ProviderFailure.Kind#OVERSIZED}
 * @param maxEventBytes one Server-Sent-Events line, or one event's joined {@code data:} lines,
 *     larger than this fails the attempt the same way
 * @param bodyIdleMs an answer's body that sends nothing for this long fails the attempt as a
 *     timeout (headers arrived, then the upstream stalled)
 */
public record UpstreamLimits(long maxBodyBytes, int maxEventBytes, long bodyIdleMs) {
  public static final UpstreamLimits DEFAULTS = new UpstreamLimits(32L << 20, 1 << 20, 30_000);

  public UpstreamLimits {
    if (maxBodyBytes <= 0 || maxBodyBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("upstream body limit must be 1 to " + (Integer.MAX_VALUE - 8) + " bytes");
    }
    if (maxEventBytes <= 0) {
      throw new IllegalArgumentException("upstream event limit must be positive");
    }
    if (bodyIdleMs <= 0) {
      throw new IllegalArgumentException("upstream body idle timeout must be positive");
    }
  }
}
