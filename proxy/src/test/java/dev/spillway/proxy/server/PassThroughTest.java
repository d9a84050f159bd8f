package dev.spillway.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.config.CapabilitySet;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.proxy.passthrough.DirectTwin;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.Reply;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's bytes go upstream and the upstream's bytes come back as they were, where nothing
 * changes them: escapes, spacing and member order are the sender's, not a re-encoding's (Jackson
 * would write {@code é} for {@code \u00e9} and drop the spaces).
 */
class PassThroughTest extends ProxyTestBase {
  private static final String MESSAGES =
      "\"messages\" : [ {\"role\":\"user\",   \"content\":\"caf\\u00e9 \\/ cr\\u00e8me\"} ]";
  private static final String ANSWER = "{ \"id\":\"cmpl-1\", \"object\":\"chat.completion\", \"created\":1,"
      + " \"model\":\"gpt-4o\", \"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
      + "\"content\":\"caf\\u00e9\"}, \"finish_reason\":\"stop\"}],"
      + " \"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5} }";
  private static final String CHUNK = "{\"id\":\"c1\", \"object\":\"chat.completion.chunk\","
      + " \"choices\":[{\"index\":0,\"delta\":{\"content\":\"caf\\u00e9\"}}]}";

  private static final CapabilitySet LONG_CONTEXT = new CapabilitySet(true, false, false, false, false, 1 << 20);

  /** Room for megabyte prompts (the base's limit is 64 KB). */
  @Override
  ProxyOptions options() {
    return new ProxyOptions("127.0.0.1", 0, 2 << 20);
  }

  @BeforeEach
  void loadOne() {
    load(ConfigBuilder.create()
        .account("primary", primary.baseUrl(), TimeoutConfig.DEFAULTS, null)
        .model("chat", m -> m.target("primary", "gpt-4o"))
        // Named as its target: the body goes upstream unchanged, the client's array itself.
        .model("gpt-4o", m -> m.capabilities(LONG_CONTEXT).target("primary", "gpt-4o"))
        // Renamed for its target: the body goes upstream as pieces, the client's prompt among them.
        .model("long", m -> m.capabilities(LONG_CONTEXT).target("primary", "gpt-4o"))
        .build());
  }

  @Test
  void theRequestGoesUpstreamAsTheClientWroteItWithOnlyTheModelChanged() throws Exception {
    primary.always(Reply.json(200, ANSWER));

    HttpResponse<String> response = client.chat("{\"model\":\"chat\", " + MESSAGES + ", \"max_tokens\":16}");

    assertThat(response.statusCode()).isEqualTo(200);
    String sent = primary.lastRequest().body();
    assertThat(sent).contains(MESSAGES).contains("\"max_tokens\":16").contains("\"model\":\"gpt-4o\"")
        .doesNotContain("\"chat\"");
  }

  @Test
  void aLongPromptReachesTheUpstreamByteForByteWhetherDeclaredOrChunked() throws Exception {
    primary.always(Reply.json(200, ANSWER));
    // Tens of kilobytes (within the test model's context window): an undeclared body grows from its first array.
    String messages = "\"messages\":[{\"role\":\"user\",\"content\":\""
        + "caf\\u00e9 cr\u00e8me \\\"quoted\\\" \u6f22\u5b57 \ud83d\ude00 plain words here. ".repeat(300) + "\"}]";
    String body = "{\"model\":\"chat\", " + messages + "}";
    byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(bytes.length).isBetween(16 * 1024, 64 * 1024);

    HttpResponse<String> declared = client.chat(body);
    assertThat(declared.statusCode()).as(declared.body()).isEqualTo(200);
    String sentDeclared = primary.lastRequest().body();
    HttpResponse<String> chunked = client.send(java.net.http.HttpRequest.newBuilder(client.uri("/v1/chat/completions"))
        .header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes))));
    assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(200);
    String sentChunked = primary.lastRequest().body();

    assertThat(sentDeclared).contains(messages).contains("\"model\":\"gpt-4o\"");
    assertThat(sentChunked).isEqualTo(sentDeclared);
  }

  @Test
  void aPlainAnswerReachesTheClientAsTheUpstreamSentIt() throws Exception {
    primary.always(Reply.json(200, ANSWER));

    HttpResponse<String> response = client.chat("{\"model\":\"chat\", " + MESSAGES + "}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(ANSWER);
  }

  @Test
  void streamChunksReachTheClientAsTheUpstreamSentThem() throws Exception {
    primary.always(Reply.sse(List.of("data: " + CHUNK, "data: [DONE]")));

    HttpResponse<String> response = client.chat("{\"model\":\"chat\", \"stream\":true, " + MESSAGES + "}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("data: " + CHUNK + "\n\n");
    // The usage Spillway asks for on the client's behalf is spliced into the body sent, nothing else.
    assertThat(primary.lastRequest().body()).contains(MESSAGES).contains("\"stream_options\":{\"include_usage\":true}");
  }

  /** An unchanged body of {@code bytes} bytes (≥ {@link DirectTwin#MIN}: read through the IO thread's direct twin). */
  private static String unchangedLongBody(int bytes, char letter) {
    String head = "{\"model\":\"gpt-4o\", \"messages\" : [ {\"role\":\"user\", \"content\":\"" + letter + " ";
    String tail = "\"} ] }";
    return head + (letter + "bc ").repeat((bytes - head.length() - tail.length()) / 4) + tail;
  }

  @Test
  void longUnchangedPromptsReachTheUpstreamByteForByteOneAfterAnother() throws Exception {
    primary.always(Reply.json(200, ANSWER));
    List<String> sent = new ArrayList<>();
    for (char letter : new char[] {'a', 'b', 'c'}) {
      // Sizes around a megabyte, each different: each body's bytes, never the last one's.
      String body = unchangedLongBody((1 << 20) - 1_000 * (letter - 'a'), letter);
      HttpResponse<String> response = client.chat(body);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      sent.add(body);
    }

    assertThat(primary.requests()).extracting(r -> r.body()).containsExactlyElementsOf(sent);
  }

  @Test
  void longPromptsSentAtOnceEachReachTheUpstreamAsTheirOwn() throws Exception {
    primary.always(Reply.json(200, ANSWER));
    List<String> bodies = new ArrayList<>();
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    // More bodies than IO threads, arriving at once: they take each other's direct twin midway.
    for (int i = 0; i < 12; i++) {
      String body = unchangedLongBody(DirectTwin.MIN * 3 + i * 4_096, (char) ('a' + i));
      bodies.add(body);
      answers.add(client.http().sendAsync(HttpRequest.newBuilder(client.uri("/v1/chat/completions"))
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString()));
    }
    for (CompletableFuture<HttpResponse<String>> answer : answers) {
      assertThat(answer.get(60, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    assertThat(primary.requests()).extracting(r -> r.body()).containsExactlyInAnyOrderElementsOf(bodies);
  }

  @Test
  void longRenamedPromptsReachTheUpstreamSplicedByteForByteAloneAndAtOnce() throws Exception {
    primary.always(Reply.json(200, ANSWER));
    List<String> expected = new ArrayList<>();
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    // One after another (each read whole through the twin before its write), then several at once
    // (they take each other's twin midway): each upstream body is its own client's, renamed.
    for (int i = 0; i < 10; i++) {
      String messages = unchangedLongBody(DirectTwin.MIN * 3 + i * 4_096, (char) ('a' + i));
      messages = messages.substring(messages.indexOf("\"messages\""), messages.lastIndexOf(']') + 1);
      String body = "{\"model\":\"long\",  " + messages + " , \"max_tokens\" : 16 }";
      expected.add("{\"model\":\"gpt-4o\"," + messages + ",\"max_tokens\" : 16}");
      CompletableFuture<HttpResponse<String>> answer = client.http().sendAsync(
          HttpRequest.newBuilder(client.uri("/v1/chat/completions")).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      if (i < 3) {
        assertThat(answer.get(60, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      }
      answers.add(answer);
    }
    for (CompletableFuture<HttpResponse<String>> answer : answers) {
      assertThat(answer.get(60, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    assertThat(primary.requests()).extracting(r -> r.body()).containsExactlyInAnyOrderElementsOf(expected);
  }
}
