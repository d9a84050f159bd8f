package dev.spillway.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.passthrough.DirectTwin;
import dev.spillway.proxy.passthrough.LongText;
import dev.spillway.proxy.passthrough.StringSpans;
import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The body reader on a real loopback server: the long strings of a body it waits for are found while it waits. */
class RequestBodyReaderTest {
  private static final String TEXT = "what changed in the quarterly figures, and why? ".repeat(20_000);
  private static final byte[] PROMPT = ("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + TEXT + "\"}]}")
      .getBytes(StandardCharsets.UTF_8);
  private final AtomicReference<byte[]> body = new AtomicReference<>();
  private final AtomicReference<StringSpans> spans = new AtomicReference<>();
  private final AtomicReference<ObjectNode> parsed = new AtomicReference<>();
  /** Whether the IO thread's direct twin held the body when the handler ran (asked on that thread). */
  private final AtomicReference<Boolean> twinned = new AtomicReference<>();
  private final HttpClient client = HttpClient.newHttpClient();
  private final AtomicReference<HttpServerExchange> started = new AtomicReference<>();
  private final RequestBodyReader reader = new RequestBodyReader(16L << 20, 10_000, exchange -> {
    body.set(exchange.getAttachment(RequestBodyReader.BODY));
    twinned.set(DirectTwin.bytes(body.get(), 0, body.get().length).isDirect());
    spans.set(exchange.getAttachment(RequestBodyReader.SPANS));
    parsed.set(ChatCompletionsHandler.parse(exchange));
    exchange.getResponseSender().send("ok");
  });
  private Undertow server;

  @BeforeEach
  void start() {
    server = Undertow.builder().addHttpListener(0, "127.0.0.1")
        .setHandler(exchange -> {
          started.set(exchange);
          reader.handleRequest(exchange);
        })
        .build();
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private int port() {
    return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
  }

  private HttpResponse<String> post(HttpRequest.BodyPublisher publisher) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/v1/chat/completions"))
        .POST(publisher).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aBodyTheReaderWaitsForIsScannedWhileItWaits() throws Exception {
    int half = PROMPT.length / 2;
    try (Socket socket = new Socket("127.0.0.1", port())) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + PROMPT.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(PROMPT, 0, half);
      out.flush();
      // Nothing more comes until the reader has scanned the half it has (read on its IO thread).
      await().atMost(Duration.ofSeconds(20)).until(() -> scannedSoFar(started.get()) == half);

      out.write(PROMPT, half, PROMPT.length - half);
      out.flush();
      String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();

      assertThat(status).isEqualTo("HTTP/1.1 200 OK");
    }
    assertThat(body.get()).isEqualTo(PROMPT);
    // A long declared body is also in the IO thread's direct twin, for the upstream write.
    assertThat(twinned.get()).isTrue();
    assertThat(spans.get()).isNotNull();
    assertThat(spans.get().scanned()).isEqualTo(PROMPT.length); // the rest once it was all in
    // The parse took the prompt's length from the span: the same as the text's.
    assertThat(LongText.length(parsed.get().get("messages").get(0).get("content"))).isEqualTo(TEXT.length());
  }

  /** How far the reader has scanned the exchange's body, asked on the exchange's IO thread (-1 before any scan). */
  private static int scannedSoFar(HttpServerExchange exchange) throws Exception {
    if (exchange == null) {
      return -1;
    }
    CompletableFuture<Integer> scanned = new CompletableFuture<>();
    exchange.getIoThread().execute(() -> {
      StringSpans found = exchange.getAttachment(RequestBodyReader.SPANS);
      scanned.complete(found == null ? -1 : found.scanned());
    });
    return scanned.get(5, TimeUnit.SECONDS);
  }

  @Test
  void aBodyThatArrivesInOneReadIsNotScannedAhead() throws Exception {
    byte[] small = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}".getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofByteArray(small));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(body.get()).isEqualTo(small);
    assertThat(twinned.get()).as("a short body is only in its array").isFalse();
    assertThat(spans.get()).isNull();
  }

  @Test
  void theParseOfARequestTakesTheSpansTheReaderFound() {
    StringSpans found = new StringSpans();
    byte[] bytes = PROMPT.clone();
    found.scan(bytes, bytes.length);
    bytes[bytes.length - 1_000] = 0x01; // refused by a parser that scans the prompt again
    HttpServerExchange exchange = new HttpServerExchange(null);
    exchange.putAttachment(RequestBodyReader.BODY, bytes);
    exchange.putAttachment(RequestBodyReader.SPANS, found);

    ObjectNode request = ChatCompletionsHandler.parse(exchange);

    assertThat(LongText.length(request.get("messages").get(0).get("content"))).isEqualTo(TEXT.length());
  }
}
