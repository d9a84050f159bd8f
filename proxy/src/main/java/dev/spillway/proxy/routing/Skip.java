package dev.spillway.proxy.routing;

/** A target left out of a request, and why, for error bodies and fallback headers. */
public record Skip(String target, String reason) {
  /**
   * Starts the reason of a skip a policy's stakes impose (minTier, maxFallbackDepth): such a skip
   * fails the request loudly rather than serving a worse answer.
   */
  public static final String STAKES = "stakes: ";
}
