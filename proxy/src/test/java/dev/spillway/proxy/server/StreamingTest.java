package dev.spillway.proxy.server;

import static dev.spillway.proxy.testing.ProxyClient.streamBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.config.TimeoutConfig;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.Reply;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StreamingTest extends ProxyTestBase {
  private static final String ROLE = chunk("{\"role\":\"assistant\",\"content\":\"\"}");
  private static final String HELLO = chunk("{\"content\":\"Hel\"}");
  private static final String WORLD = chunk("{\"content\":\"lo\"}");
  private static final String DONE = "data: [DONE]";

  private static String chunk(String delta) {
    return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":" + delta + "}]}";
  }

  private void loadTwo(TimeoutConfig timeouts) {
    load(ConfigBuilder.create()
        .account("primary", primary.baseUrl(), timeouts, null)
        .account("backup", backup.baseUrl(), timeouts, null)
        .model("chat", m -> m.target("primary", "gpt-4o").target("backup", "gpt-4o-mini"))
        .build());
  }

  /** The data lines the client received, in order. */
  private static List<String> dataLines(String body) {
    List<String> lines = new ArrayList<>();
    for (String line : body.split("\n")) {
      if (line.startsWith("data:")) {
        lines.add(line.substring(5).trim());
      }
    }
    return lines;
  }

  @Test
  void successfulStreamIsRelayedWithHeadersAndDone() throws Exception {
    loadTwo(TimeoutConfig.DEFAULTS);
    primary.always(Reply.sse(List.of(ROLE, HELLO, WORLD, DONE)));

    HttpResponse<String> response = client.chat(streamBody("chat"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
    assertThat(response.headers().firstValue("cache-control")).hasValue("no-cache");
    assertThat(response.headers().firstValue("x-spillway-served-by")).hasValue("primary/gpt-4o");
    List<String> data = dataLines(response.body());
    assertThat(data).hasSize(4);
    assertThat(json(data.get(0)).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
    assertThat(json(data.get(1)).at("/choices/0/delta/content").asText()).isEqualTo("Hel");
    assertThat(data.get(3)).isEqualTo("[DONE]");
    assertThat(json(primary.lastRequest().body()).get("stream").asBoolean()).isTrue();
  }

  @Test
  void nothingReachesTheClientBeforeTheFirstContentToken() throws Exception {
    loadTwo(TimeoutConfig.DEFAULTS);
    // The preamble arrives at once; the first content only after a pause the client must wait out.
    primary.always(Reply.sse(List.of(ROLE, ROLE, HELLO, DONE)).every(Duration.ofMillis(400)));

    long start = System.nanoTime();
    HttpResponse<InputStream> response =
        client.http().send(
            HttpRequest.newBuilder(client.uri("/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString(streamBody("chat")))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    long headersAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    // Two 400 ms gaps separate the preamble from the first content chunk.
    assertThat(headersAfterMs).isGreaterThanOrEqualTo(700);
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String first = reader.readLine();
      assertThat(first).contains("\"role\":\"assistant\"");
    }
  }

  @Test
  void failureBeforeTheFirstTokenFailsOverUnseen() throws Exception {
    loadTwo(TimeoutConfig.DEFAULTS);
    primary.always(Reply.json(503, "{\"error\":{\"message\":\"busy\"}}"));
    backup.always(Reply.sse(List.of(ROLE, HELLO, DONE)));

    HttpResponse<String> response = client.chat(streamBody("chat"));

    assertThat(response.headers().firstValue("x-spillway-served-by")).hasValue("backup/gpt-4o-mini");
    assertThat(response.headers().firstValue("x-spillway-fallback-reason")).hasValue("primary/gpt-4o: http 503");
    assertThat(dataLines(response.body())).hasSize(3).last().isEqualTo("[DONE]");
  }

  @Test
  void cutBeforeTheFirstTokenFailsOverAndDropsThePreamble() throws Exception {
    loadTwo(TimeoutConfig.DEFAULTS);
    primary.always(Reply.sse(List.of(ROLE, ROLE, HELLO, DONE)).cutAfter(2));
    backup.always(Reply.sse(List.of(ROLE, WORLD, DONE)));

    HttpResponse<String> response = client.chat(streamBody("chat"));

    assertThat(response.headers().firstValue("x-spillway-served-by")).hasValue("backup/gpt-4o-mini");
    List<String> data = dataLines(response.body());
    assertThat(data).hasSize(3);
    assertThat(json(data.get(1)).at("/choices/0/delta/content").asText()).isEqualTo("lo");
  }

  @Test
  void firstTokenDeadlineFailsOver() throws Exception {
    loadTwo(new TimeoutConfig(1_000, 800, 30_000));
    primary.always(Reply.sse(List.of(ROLE, HELLO, DONE)).every(Duration.ofSeconds(3)));
    backup.always(Reply.sse(List.of(ROLE, WORLD, DONE)));

    HttpResponse<String> response = client.chat(streamBody("chat"));

    assertThat(response.headers().firstValue("x-spillway-served-by")).hasValue("backup/gpt-4o-mini");
    assertThat(response.headers().firstValue("x-spillway-fallback-reason").orElseThrow()).contains("first token timeout");
  }

  @Test
  void cutAfterTheFirstTokenEndsWithAnErrorEventAndNoDone() throws Exception {
    loadTwo(TimeoutConfig.DEFAULTS);
    // A first token long enough to judge at once: a shorter opening is held back a moment (to catch
    // a loop), and a cut while it is held fails over unseen instead.
    String opening = chunk("{\"content\":\"Hello there, this is how the answer starts\"}");
    primary.always(Reply.sse(List.of(ROLE, opening, WORLD, DONE)).cutAfter(2));
    backup.always(Reply.sse(List.of(ROLE, WORLD, DONE)));

    HttpResponse<String> response = client.chat(streamBody("chat"));

    List<String> data = dataLines(response.body());
    assertThat(data).hasSize(3).doesNotContain("[DONE]");
    assertThat(json(data.get(2)).at("/error/type").asText()).isEqualTo("upstream_error");
    assertThat(backup.requestCount()).isZero();
  }

  @Test
  void aRejectionByEveryCandidateBeforeAnyTokenIsAPlainErrorAnswer() throws Exception {
    loadTwo(TimeoutConfig.DEFAULTS);
    primary.always(Reply.json(400, "{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\"}}"));
    backup.always(Reply.json(400, "{\"error\":{\"message\":\"also bad\",\"type\":\"invalid_request_error\"}}"));

    HttpResponse<String> response = client.chat(streamBody("chat"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response.body()).at("/error/message").asText()).isEqualTo("bad");
    assertThat(backup.requestCount()).isEqualTo(1);
  }
}
