package dev.spillway.bench.mock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.bench.load.Prompts;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MockUpstreamTest {
  private final HttpClient client = HttpClient.newHttpClient();
  private MockUpstream mock;

  @BeforeEach
  void start() {
    mock = new MockUpstream(0, Duration.ofMillis(1));
    mock.start();
  }

  @AfterEach
  void stop() {
    mock.close();
  }

  @Test
  void aOneMegabytePromptIsReadWholeAndAnswered() throws Exception {
    HttpResponse<byte[]> answer = post("/v1/chat/completions", Prompts.request("1MB").getBytes(StandardCharsets.UTF_8));
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo(MockUpstream.COMPLETION);
  }

  @Test
  void theStreamFlagIsFoundInABodyGatheredFromManyReads() throws Exception {
    // The flag after a megabyte of text: it is only found if every chunk landed in its place.
    String body = Prompts.request("1MB").replace("\"max_tokens\":16", "\"max_tokens\":2,\"stream\":true");
    HttpResponse<byte[]> answer = post("/v1/chat/completions", body.getBytes(StandardCharsets.UTF_8));
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("data: [DONE]");
  }

  @Test
  void otherPathsDrainTheBodyAndAnswerEmpty() throws Exception {
    HttpResponse<byte[]> answer = post("/v1/traces", new byte[300_000]);
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).isEmpty();
  }

  @Test
  void aBodyOverTheBoundIsRefused() throws Exception {
    // Only the head, declaring a body over the bound: the mock refuses on the declared length. With
    // the body sent too, the client would still be writing when the mock answers and closes, and on a
    // slow machine it could see the connection reset before it read the 413.
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), mock.port())) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(("POST /v1/traces HTTP/1.1\r\nHost: mock\r\nContent-Type: application/x-protobuf\r\n"
          + "Content-Length: " + (FullBody.MAX_BYTES + 1) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      // The mock closes the connection after the refusal (it will not read a body that size).
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 413 ").contains("body over 64 MB");
    }
  }

  private HttpResponse<byte[]> post(String path, byte[] body) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + mock.port() + path))
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
