package dev.spillway.proxy.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.util.Map;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Every response carries {@code x-request-id}: the client's own when it sent a usable one (so its
 * logs and ours correlate), else one generated here. A call served by a provider that named its
 * request replaces it with the provider's id ({@link #withUpstream}), which is what its support
 * asks for.
 */
public final class RequestIds implements HttpHandler {
  public static final String HEADER = "x-request-id";
  private static final HttpString NAME = HttpString.tryFromString(HEADER);
  private static final int MAX_LENGTH = 128;
  private static final HexFormat HEX = HexFormat.of();

  private final HttpHandler next;

  public RequestIds(HttpHandler next) {
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    String given = exchange.getRequestHeaders().getFirst(NAME);
    exchange.getResponseHeaders().put(NAME, usable(given) ? given : generated());
    next.handleRequest(exchange);
  }

  /**
   * 32 random hex digits. Why not {@code UUID.randomUUID()}: it draws from the JDK's SecureRandom,
   * whose {@code NativePRNG} takes one global lock per call (JFR showed the IO threads blocked on it
   * under load). A request id only correlates logs; it guards nothing, so a per-thread generator is
   * enough.
   */
  static String generated() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "req_" + HEX.toHexDigits(random.nextLong()) + HEX.toHexDigits(random.nextLong());
  }

  /** The answer's headers, with the provider's request id when it sent one. */
  public static Map<String, String> withUpstream(Map<String, String> headers, String upstreamId) {
    if (usable(upstreamId)) {
      headers.put(HEADER, upstreamId);
    }
    return headers;
  }

  /** Visible ASCII of a sane length: the value is echoed into a response header. */
  private static boolean usable(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) { // a loop, not a stream: this runs on every call
      char c = id.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }
}
