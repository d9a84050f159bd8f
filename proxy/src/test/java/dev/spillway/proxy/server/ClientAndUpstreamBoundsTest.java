package dev.spillway.proxy.server;

import static dev.spillway.proxy.testing.ProxyClient.chatBody;
import static dev.spillway.proxy.testing.ProxyClient.completion;
import static dev.spillway.proxy.testing.ProxyClient.streamBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.proxy.providers.http.UpstreamLimits;
import dev.spillway.proxy.telemetry.TelemetryOptions;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.LoopbackHttpServer;
import dev.spillway.proxy.testing.ProxyClient;
import dev.spillway.proxy.testing.Reply;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, findings 1, 2 and the Content-Length part of 6, through a real proxy: stalled and
 * oversized client requests are cut with a clear answer, and upstream answers over a bound fail
 * over to the next target like any other failure.
 */
class ClientAndUpstreamBoundsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private LoopbackHttpServer primary;
  private LoopbackHttpServer backup;
  private ProxyServer proxy;
  private ProxyClient client;

  @BeforeEach
  void start() {
    primary = LoopbackHttpServer.start();
    backup = LoopbackHttpServer.start();
    ProxyOptions options = new ProxyOptions("127.0.0.1", 0, 64 * 1024, TelemetryOptions.DEFAULTS,
        new ClientLimits(500, 500, 5_000, 8 * 1024), new UpstreamLimits(256 * 1024, 16 * 1024, 1_000));
    proxy = new ProxyServer(options, ref -> Optional.empty());
    proxy.start();
    client = new ProxyClient(proxy.port());
    proxy.configSink().accept(ConfigBuilder.create()
        .account("primary", primary.baseUrl())
        .account("backup", backup.baseUrl())
        .model("chat", m -> m.target("primary", "gpt-4o").target("backup", "gpt-4o"))
        .build());
    backup.always(Reply.json(200, completion("backup")));
  }

  @AfterEach
  void stop() {
    proxy.close();
    primary.close();
    backup.close();
  }

  private Socket socket() throws Exception {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
    socket.setSoTimeout(10_000);
    return socket;
  }

  private static void send(Socket socket, String text) throws Exception {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Everything the proxy sends until it closes the connection (the socket's 10 s timeout fails the test). */
  private static String readToClose(Socket socket) throws Exception {
    InputStream in = socket.getInputStream();
    return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  private static JsonNode jsonBody(String rawResponse) throws Exception {
    return MAPPER.readTree(rawResponse.substring(rawResponse.indexOf("\r\n\r\n") + 4));
  }

  @Test
  void aContentLengthBeyondALongIs413NotAnEmpty500() throws Exception {
    try (Socket socket = socket()) {
      send(socket, "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Content-Length: 18446744073709551616\r\n\r\n{}");
      String response = readToClose(socket);

      assertThat(response).startsWith("HTTP/1.1 413");
      assertThat(jsonBody(response).at("/error/code").asText()).isEqualTo("request_too_large");
    }
    assertThat(primary.requestCount()).isZero();
  }

  @Test
  void aContentLengthThatIsNotDigitsIsA400() throws Exception {
    for (String length : List.of("-5", "1e3", "+5", "abc")) {
      try (Socket socket = socket()) {
        send(socket, "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: " + length + "\r\n\r\n");

        assertThat(readToClose(socket)).as(length).startsWith("HTTP/1.1 400");
      }
    }
  }

  @Test
  void aBodyThatStopsArrivingIs408AndTheConnectionClosed() throws Exception {
    try (Socket socket = socket()) {
      send(socket, "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Content-Length: 1000\r\n\r\n{\"model\":");
      long started = System.nanoTime();
      String response = readToClose(socket);

      assertThat(response).startsWith("HTTP/1.1 408");
      assertThat(jsonBody(response).at("/error/code").asText()).isEqualTo("request_timeout");
      assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
    }
  }

  @Test
  void halfSentHeadersAreCutAtTheHeaderDeadline() throws Exception {
    try (Socket socket = socket()) {
      send(socket, "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n");
      long started = System.nanoTime();
      readToClose(socket); // returns only when the proxy closes the connection

      assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
    }
  }

  @Test
  void headersOverTheLimitAreRefused() throws Exception {
    try (Socket socket = socket()) {
      send(socket, "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(16 * 1024) + "\r\n\r\n");
      String response = readToClose(socket);

      assertThat(response).doesNotStartWith("HTTP/1.1 2");
    }
  }

  @Test
  void aBrowsersCrossOriginSimplePostIsRefusedBeforeAnyUpstreamCall() throws Exception {
    for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
      HttpResponse<String> response = client.send(java.net.http.HttpRequest.newBuilder(client.uri("/v1/chat/completions"))
          .header("origin", "https://evil.example").header("content-type", type)
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString(chatBody("chat"))));

      assertThat(response.statusCode()).as(type).isEqualTo(403);
      assertThat(MAPPER.readTree(response.body()).at("/error/code").asText()).isEqualTo("cross_origin_request_refused");
    }
    assertThat(primary.requestCount() + backup.requestCount()).isZero();
  }

  @Test
  void clientsThatAreNotBrowsersAreServedWhateverTheirContentType() throws Exception {
    primary.always(Reply.json(200, completion("primary")));

    HttpResponse<String> curlStyle = client.send(java.net.http.HttpRequest.newBuilder(client.uri("/v1/chat/completions"))
        .header("content-type", "application/x-www-form-urlencoded")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(chatBody("chat"))));
    HttpResponse<String> jsonWithOrigin = client.chat(chatBody("chat"), java.util.Map.of("origin", "https://app.example"));

    assertThat(curlStyle.statusCode()).isEqualTo(200);
    assertThat(jsonWithOrigin.statusCode()).isEqualTo(200);
  }

  @Test
  void anEndlessUpstreamBodyFailsOverToTheNextTarget() throws Exception {
    primary.always(Reply.endless("application/json", "{\"a\":1}"));

    HttpResponse<String> response = client.chat(chatBody("chat"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-spillway-served-by").orElseThrow()).contains("backup");
  }

  @Test
  void aStreamLineThatNeverEndsFailsOverBeforeAnythingIsSent() throws Exception {
    primary.always(Reply.endless("text/event-stream", "x"));
    backup.always(Reply.sse(List.of(
        "data: {\"id\":\"b\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"from backup\"}}]}",
        "data: [DONE]")));

    HttpResponse<String> response = client.chat(streamBody("chat"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("from backup");
  }
}
