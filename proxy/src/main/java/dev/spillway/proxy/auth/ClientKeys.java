package dev.spillway.proxy.auth;

import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;

/**
 * Reads a client's key from {@code Authorization: Bearer} (OpenAI SDKs) or {@code x-api-key}
 * (Anthropic SDKs), and removes both headers from the request: past the door nothing needs the
 * client's credential, so no later code (header matching, spans, logs) can ever see it.
 */
final class ClientKeys {
  static final HttpString X_API_KEY = HttpString.tryFromString("x-api-key");
  private static final String BEARER = "bearer ";

  private ClientKeys() {}

  /** The presented key, or null when there is none; the headers are removed either way. */
  static String take(HeaderMap headers) {
    String authorization = headers.getFirst(Headers.AUTHORIZATION);
    String apiKey = headers.getFirst(X_API_KEY);
    headers.remove(Headers.AUTHORIZATION);
    headers.remove(X_API_KEY);
    if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      String token = authorization.substring(BEARER.length()).trim();
      if (!token.isEmpty()) {
        return token;
      }
    }
    return apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
  }
}
