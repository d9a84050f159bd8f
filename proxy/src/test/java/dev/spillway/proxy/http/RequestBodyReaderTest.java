package dev.spillway.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.passthrough.LongText;
import dev.spillway.proxy.passthrough.StringSpans;
import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import java.io.ByteArrayInputStream;
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

/** The body reader on a real loopback server: the long strings of a body that arrives in parts are found as it arrives. */
class RequestBodyReaderTest {
  private static final String TEXT = "what changed in the quarterly figures, and why? ".repeat(20_000);
  private static final byte[] PROMPT = ("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + TEXT + "\"}]}")
      .getBytes(StandardCharsets.UTF_8);
  private final AtomicReference<byte[]> body = new AtomicReference<>();
  private final AtomicReference<StringSpans> spans = new AtomicReference<>();
  private final AtomicReference<ObjectNode> parsed = new AtomicReference<>();
  private final HttpClient client = HttpClient.newHttpClient();
  private Undertow server;

  @BeforeEach
  void start() {
    server = Undertow.builder().addHttpListener(0, "127.0.0.1")
        .setHandler(new RequestBodyReader(16L << 20, 10_000, exchange -> {
          body.set(exchange.getAttachment(RequestBodyReader.BODY));
          spans.set(exchange.getAttachment(RequestBodyReader.SPANS));
          parsed.set(ChatCompletionsHandler.parse(exchange));
          exchange.getResponseSender().send("ok");
        }))
        .build();
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private HttpResponse<String> post(HttpRequest.BodyPublisher publisher) throws Exception {
    int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
        .POST(publisher).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aBodyThatArrivesInPartsHasItsLongStringsFoundOnTheWay() throws Exception {
    // Chunked (no length): more may always come, so every read is scanned as it arrives.
    HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(PROMPT)));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(body.get()).isEqualTo(PROMPT);
    StringSpans found = spans.get();
    assertThat(found).isNotNull();
    assertThat(found.scanned()).isEqualTo(PROMPT.length);
    // The parse took the prompt's length from the span: the same as the text's.
    assertThat(LongText.length(parsed.get().get("messages").get(0).get("content"))).isEqualTo(TEXT.length());
  }

  @Test
  void aBodyThatArrivesInOneReadIsNotScannedAhead() throws Exception {
    byte[] small = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}".getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofByteArray(small));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(body.get()).isEqualTo(small);
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
