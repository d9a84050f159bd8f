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
