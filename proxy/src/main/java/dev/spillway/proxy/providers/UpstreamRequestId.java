package dev.spillway.proxy.providers;

import java.net.http.HttpHeaders;

/**
 * The provider's id for a call, from its response headers: OpenAI and compatible servers send
 * {@code x-request-id}, Anthropic {@code request-id}. What their support asks for, so the proxy
 * passes it back to the client on plain and streamed calls alike.
 */
public final class UpstreamRequestId {
  private UpstreamRequestId() {}

  /** The id, or null when the provider sent none. */
  public static String of(HttpHeaders headers) {
    return headers.firstValue("x-request-id").or(() -> headers.firstValue("request-id")).orElse(null);
  }
}
