package dev.spillway.proxy.quality;

/**
 * Why an answer failed a check, and whose fault that says it is.
 *
 * @param reason a few words for the fallback header, traces and metrics, e.g. "empty output"
 * @param requestCaused the check failed only because of this request's own constraints (its JSON
 *     mode, schema or tools; the size, count or format it asked for; a media answer already seen
 *     for another request): the call moves on, but the target's health, breaker and drift do not
 *     count it, so no client can take a target down for the others
 */
public record CheckFailure(String reason, boolean requestCaused) {

  /** A failure that says something about the target. */
  static CheckFailure target(String reason) {
    return new CheckFailure(reason, false);
  }

  /** A failure only this request's own constraints make. */
  static CheckFailure request(String reason) {
    return new CheckFailure(reason, true);
  }
}
