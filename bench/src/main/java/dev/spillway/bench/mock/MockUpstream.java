package dev.spillway.bench.mock;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.SameThreadExecutor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The fast OpenAI upstream every system under test talks to. It answers from its IO threads with
 * pre-encoded bytes, so its own cost is the same small constant on every path:
 *
 * <ul>
 *   <li>{@code POST /v1/chat/completions}: a fixed completion, or with {@code "stream":true} a slow
 *       SSE stream (first token at once, then one chunk per interval) so thousands overlap;
 *   <li>{@code /fail503/v1/...}: always 503 (the primary that is down);
 *   <li>anything else (e.g. an OTLP {@code /v1/traces} export): 200, empty.
 * </ul>
 */
public final class MockUpstream implements AutoCloseable {
  static final byte[] COMPLETION = bytes(
      "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":1700000000,"
          + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
          + "\"content\":\"Hello! How can I help you today?\"},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":9,\"total_tokens\":18}}");
  private static final byte[] UNAVAILABLE = bytes(
      "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\",\"code\":\"unavailable\"}}");
  private static final byte[] STREAM_FLAG = bytes("\"stream\":true");
  private static final byte[] MAX_TOKENS = bytes("\"max_tokens\":");

  private final Undertow server;

  public MockUpstream(int port, Duration chunkInterval) {
    SlowStream streams = new SlowStream(chunkInterval);
    HttpHandler completions = exchange -> FullBody.read(exchange,
        (ex, body) -> {
          if (contains(body, STREAM_FLAG)) {
            // Dispatching keeps the exchange open after this callback returns; the stream ends it.
            ex.dispatch(SameThreadExecutor.INSTANCE, () -> streams.start(ex, maxTokens(body)));
          } else {
            reply(ex, 200, COMPLETION);
          }
        });
    HttpHandler routes = exchange -> {
      String path = exchange.getRequestPath();
      if (path.startsWith("/fail503/")) {
        drainThen(exchange, () -> reply(exchange, 503, UNAVAILABLE));
      } else if (path.endsWith("/chat/completions")) {
        completions.handleRequest(exchange);
      } else {
        drainThen(exchange, () -> reply(exchange, 200, new byte[0]));
      }
    };
    this.server = Undertow.builder()
        .addHttpListener(port, "127.0.0.1")
        .setServerOption(UndertowOptions.ALWAYS_SET_DATE, false)
        .setHandler(routes)
        .build();
  }

  public void start() {
    server.start();
  }

  /** The port it listens on (the one asked for, or the one the system chose for 0). */
  public int port() {
    return ((java.net.InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
  }

  @Override
  public void close() {
    server.stop();
  }

  private static void drainThen(HttpServerExchange exchange, Runnable then) {
    FullBody.read(exchange, (ex, body) -> then.run());
  }

  private static void reply(HttpServerExchange exchange, int status, byte[] body) {
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
    exchange.getResponseHeaders().put(HttpString.tryFromString("x-request-id"), "bench");
    exchange.getResponseSender().send(ByteBuffer.wrap(body));
  }

  /** The request's max_tokens (how many chunks to stream), 16 when absent. */
  static int maxTokens(byte[] body) {
    int at = indexOf(body, MAX_TOKENS);
    if (at < 0) {
      return 16;
    }
    int value = 0;
    for (int i = at + MAX_TOKENS.length; i < body.length; i++) {
      if (body[i] >= '0' && body[i] <= '9') {
        value = value * 10 + body[i] - '0';
      } else if (body[i] != ' ') {
        break;
      }
    }
    return Math.max(1, value);
  }

  static boolean contains(byte[] haystack, byte[] needle) {
    return indexOf(haystack, needle) >= 0;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code MockUpstream <port> <chunkIntervalMs>}: runs until killed. */
  public static void main(String[] args) {
    MockUpstream mock = new MockUpstream(Integer.parseInt(args[0]), Duration.ofMillis(Long.parseLong(args[1])));
    mock.start();
    System.out.println("mock upstream ready on 127.0.0.1:" + args[0]);
  }
}
