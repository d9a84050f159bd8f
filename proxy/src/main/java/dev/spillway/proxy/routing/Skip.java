package dev.spillway.proxy.routing;

/**
 * A target left out of a request, and why, for error bodies and fallback headers.
 *
 * @param stakes whether the policy's stakes (minTier, maxFallbackDepth) imposed it: such a skip
 *     fails the request loudly rather than serving a worse answer
 */
public record Skip(String target, String reason, boolean stakes) {
  /** A target that cannot serve this request (capability, context window, …). */
  public Skip(String target, String reason) {
    this(target, reason, false);
  }

  /** A target the policy's stakes rule out; its reason reads "stakes: …". */
  public static Skip stakes(String target, String reason) {
    return new Skip(target, "stakes: " + reason, true);
  }
}
