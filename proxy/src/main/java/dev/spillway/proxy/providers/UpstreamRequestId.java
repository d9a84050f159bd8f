package dev.spillway.proxy.providers;

import dev.spillway.proxy.providers.http.UpstreamResponse;
import java.net.http.HttpHeaders;
import java.util.function.Function;

/**
 * The provider's id for a call, from its response headers: OpenAI and compatible servers send
 * {@code x-request-id}, Anthropic {@code request-id}. What their support asks for, so the proxy
 * passes it back to the client on plain and streamed calls alike.
 */
public final class UpstreamRequestId {
  private UpstreamRequestId() {}

  /** The id, or null when the provider sent none. */
  public static String of(HttpHeaders headers) {
    return of(name -> headers.firstValue(name).orElse(null));
  }

  /** The id from a whole answer's headers, read one by one ({@link UpstreamResponse#firstHeader}). */
  public static String of(UpstreamResponse response) {
    return of(response::firstHeader);
  }

  private static String of(Function<String, String> header) {
    String id = header.apply("x-request-id");
    return id != null ? id : header.apply("request-id");
  }
}
