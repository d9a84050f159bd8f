package dev.spillway.proxy.providers.http;

import java.net.http.HttpHeaders;
import java.util.function.Supplier;

/**
 * A whole upstream answer, whatever its status. Headers are built on first use: adapters read them
 * only for errors (Retry-After) and a few media answers, so a successful call never pays for them.
 */
public final class UpstreamResponse {
  private final int status;
  private final byte[] body;
  private Supplier<HttpHeaders> headerSource;
  private HttpHeaders headers;

  public UpstreamResponse(int status, Supplier<HttpHeaders> headers, byte[] body) {
    this.status = status;
    this.headerSource = headers;
    this.body = body;
  }

  /** The same answer with another body (scrubbed); headers still built on first use. */
  UpstreamResponse withBody(byte[] other) {
    return other == body ? this : new UpstreamResponse(status, headerSource != null ? headerSource : () -> headers, other);
  }

  public int statusCode() {
    return status;
  }

  public byte[] body() {
    return body;
  }

  /** Case-insensitive response headers (read on the thread that received the answer). */
  public HttpHeaders headers() {
    if (headers == null) {
      headers = headerSource.get();
      headerSource = null;
    }
    return headers;
  }
}
