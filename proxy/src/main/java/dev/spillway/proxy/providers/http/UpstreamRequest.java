package dev.spillway.proxy.providers.http;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One POST to a provider: where, which headers, which bytes. Transport-neutral, so the same request
 * can go over the event-loop client or the JDK client.
 *
 * @param headers lower-case names, one value each (providers never need repeated request headers)
 */
public record UpstreamRequest(URI uri, Map<String, String> headers, byte[] body) {

  /** A POST with a JSON body, ready for headers to be added. */
  public static Builder postJson(URI uri, byte[] body) {
    return new Builder(uri, body).header("content-type", "application/json");
  }

  /** {@code path?query} as it goes on the request line. */
  public String pathAndQuery() {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
  }

  @Override
  public String toString() {
    // Headers carry credentials: never print them.
    return "UpstreamRequest[POST " + uri + ", " + body.length + " bytes]";
  }

  /** Collects headers; a later value for the same name replaces the earlier one. */
  public static final class Builder {
    private final URI uri;
    private final byte[] body;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Builder(URI uri, byte[] body) {
      this.uri = uri;
      this.body = body;
    }

    public Builder header(String name, String value) {
      headers.put(name.toLowerCase(Locale.ROOT), value);
      return this;
    }

    public UpstreamRequest build() {
      return new UpstreamRequest(uri, Collections.unmodifiableMap(new LinkedHashMap<>(headers)), body);
    }
  }
}
