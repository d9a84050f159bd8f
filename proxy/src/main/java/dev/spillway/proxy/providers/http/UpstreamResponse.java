package dev.spillway.proxy.providers.http;

import java.net.http.HttpHeaders;

/**
 * A whole upstream answer, whatever its status. Headers are built on first use: adapters read them
 * whole only for errors (Retry-After) and a few media answers; a successful call reads one header
 * (the provider's request id, {@link #firstHeader}) straight from the transport's own header map,
 * without building the case-insensitive {@link HttpHeaders} (its copies were ~3 % of a plain call's
 * CPU when every call built them for that one header).
 */
public final class UpstreamResponse {
  /** Where an answer's headers come from. */
  public interface Headers {
    /** All of them, case-insensitive (built when called). */
    HttpHeaders all();

    /** The first value of one header, its name in any case, or null. */
    String first(String name);

    /** Headers the JDK client already made. */
    static Headers of(HttpHeaders headers) {
      return new Headers() {
        @Override
        public HttpHeaders all() {
          return headers;
        }

        @Override
        public String first(String name) {
          return headers.firstValue(name).orElse(null);
        }
      };
    }
  }

  private final int status;
  private final byte[] body;
  private final Headers source;
  private HttpHeaders headers;

  public UpstreamResponse(int status, Headers headers, byte[] body) {
    this.status = status;
    this.source = headers;
    this.body = body;
  }

  /** The same answer with another body (scrubbed); headers still built on first use. */
  UpstreamResponse withBody(byte[] other) {
    return other == body ? this : new UpstreamResponse(status, source, other);
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
      headers = source.all();
    }
    return headers;
  }

  /** One header's first value, its name in any case, or null (on the thread that received the answer). */
  public String firstHeader(String name) {
    return headers != null ? headers.firstValue(name).orElse(null) : source.first(name);
  }
}
