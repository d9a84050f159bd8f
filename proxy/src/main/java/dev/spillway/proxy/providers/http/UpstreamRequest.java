package dev.spillway.proxy.providers.http;

import dev.spillway.proxy.passthrough.SplicedBytes;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One request to a provider: which method, where, which headers, which bytes. Transport-neutral, so
 * the same request can go over the event-loop client or the JDK client. Calls are POSTs; video jobs
 * also poll (GET) and cancel (DELETE).
 *
 * @param method {@code POST}, {@code GET} or {@code DELETE}
 * @param headers lower-case names, one value each (providers never need repeated request headers)
 * @param content the body as its pieces (the event-loop transport writes them as they are);
 *     empty for GET and DELETE
 */
public record UpstreamRequest(String method, URI uri, Map<String, String> headers, SplicedBytes content) {
  private static final SplicedBytes NO_BODY = SplicedBytes.of(new byte[0]);

  /** A POST with a JSON body, ready for headers to be added. */
  public static Builder postJson(URI uri, byte[] body) {
    return postJson(uri, SplicedBytes.of(body));
  }

  /** A POST with a JSON body spliced from the client's bytes (written without being assembled). */
  public static Builder postJson(URI uri, SplicedBytes body) {
    return new Builder("POST", uri, body).header("content-type", "application/json");
  }

  /** A POST with a body of this content type (e.g. a multipart form). */
  public static Builder post(URI uri, byte[] body, String contentType) {
    return new Builder("POST", uri, SplicedBytes.of(body)).header("content-type", contentType);
  }

  public static Builder get(URI uri) {
    return new Builder("GET", uri, NO_BODY);
  }

  public static Builder delete(URI uri) {
    return new Builder("DELETE", uri, NO_BODY);
  }

  /** The body in one array (assembled when it is spliced: for transports and signers that need one). */
  public byte[] body() {
    return content.toArray();
  }

  public boolean hasBody() {
    return content.length() > 0 || method.equals("POST");
  }

  /** {@code path?query} as it goes on the request line. */
  public String pathAndQuery() {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
  }

  @Override
  public String toString() {
    // Headers carry credentials: never print them.
    return "UpstreamRequest[" + method + " " + uri + ", " + content.length() + " bytes]";
  }

  /** Collects headers; a later value for the same name replaces the earlier one. */
  public static final class Builder {
    private final String method;
    private final URI uri;
    private final SplicedBytes body;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Builder(String method, URI uri, SplicedBytes body) {
      this.method = method;
      this.uri = uri;
      this.body = body;
    }

    public Builder header(String name, String value) {
      headers.put(name.toLowerCase(Locale.ROOT), value);
      return this;
    }

    public UpstreamRequest build() {
      return new UpstreamRequest(method, uri, Collections.unmodifiableMap(new LinkedHashMap<>(headers)), body);
    }
  }
}
