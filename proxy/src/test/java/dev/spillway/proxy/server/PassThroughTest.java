package dev.spillway.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.config.TimeoutConfig;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.Reply;
import java.net.http.HttpResponse;
import java.util.List;
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

  @BeforeEach
  void loadOne() {
    load(ConfigBuilder.create()
        .account("primary", primary.baseUrl(), TimeoutConfig.DEFAULTS, null)
        .model("chat", m -> m.target("primary", "gpt-4o"))
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
}
