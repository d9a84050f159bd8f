package dev.spillway.proxy.server;

import static dev.spillway.proxy.testing.ProxyClient.chatBody;
import static dev.spillway.proxy.testing.ProxyClient.completion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.api.v1alpha1.Endpoint;
import dev.spillway.config.CapabilitySet;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.MediaSamples;
import dev.spillway.proxy.testing.Reply;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An endpoint never reaches a target that does not serve it (issue 17, finding 8a). */
class EndpointCapabilityTest extends ProxyTestBase {
  static final CapabilitySet CHAT = CapabilitySet.DEFAULTS.serving(Set.of(Endpoint.CHAT));
  static final CapabilitySet SPEECH = CapabilitySet.DEFAULTS.serving(Set.of(Endpoint.SPEECH));

  @BeforeEach
  void config() {
    primary.always(Reply.json(200, completion("from primary")));
    backup.always(Reply.bytes(200, "audio/wav", MediaSamples.speechWav(2.8, 5)));
    load(ConfigBuilder.create()
        .account("primary", primary.baseUrl())
        .account("backup", backup.baseUrl())
        .model("chat", m -> m.capabilities(CHAT).target("primary", "gpt-4o-mini"))
        // One model whose first target is chat-only and second a voice: speech skips the first.
        .model("assistant", m -> m.target("primary", "gpt-4o", CHAT).target("backup", "tts-1", SPEECH))
        .build());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return client.send(HttpRequest.newBuilder(client.uri(path)).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  @Test
  void speechToAChatModelIsA404NamingTheModelAndTheEndpointAndReachesNoUpstream() throws Exception {
    HttpResponse<String> response = post("/v1/audio/speech",
        "{\"model\":\"chat\",\"voice\":\"alloy\",\"input\":\"Hello there\",\"response_format\":\"wav\"}");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response.body()).at("/error/code").asText()).isEqualTo("model_not_supported_on_endpoint");
    assertThat(json(response.body()).at("/error/param").asText()).isEqualTo("model");
    assertThat(json(response.body()).at("/error/message").asText()).contains("'chat'", "/v1/audio/speech", "speech");
    assertThat(primary.requestCount()).isZero();
    assertThat(backup.requestCount()).isZero();
  }

  @Test
  void eachEndpointGoesOnlyToTheTargetsServingIt() throws Exception {
    HttpResponse<String> speech = post("/v1/audio/speech",
        "{\"model\":\"assistant\",\"voice\":\"alloy\",\"response_format\":\"wav\",\"input\":\""
            + "Hello there, ".repeat(3) + "\"}");
    HttpResponse<String> chat = client.chat(chatBody("assistant"));

    assertThat(speech.statusCode()).isEqualTo(200);
    assertThat(speech.headers().firstValue("x-spillway-served-by")).contains("backup/tts-1");
    assertThat(speech.headers().firstValue("x-spillway-attempts")).contains("1");
    assertThat(chat.statusCode()).isEqualTo(200);
    assertThat(chat.headers().firstValue("x-spillway-served-by")).contains("primary/gpt-4o");
    assertThat(primary.requests()).extracting(r -> r.path()).containsExactly("/v1/chat/completions");
    assertThat(backup.requests()).extracting(r -> r.path()).containsExactly("/v1/audio/speech");
  }

  @Test
  void theMessagesEndpointAnswersInAnthropicsShape() throws Exception {
    load(ConfigBuilder.create()
        .account("backup", backup.baseUrl())
        .model("voice", m -> m.capabilities(SPEECH).target("backup", "tts-1"))
        .build());

    HttpResponse<String> response = post("/v1/messages",
        "{\"model\":\"voice\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json(response.body()).at("/type").asText()).isEqualTo("error");
    assertThat(json(response.body()).at("/error/type").asText()).isEqualTo("not_found_error");
    assertThat(json(response.body()).at("/error/message").asText()).contains("'voice'", "/v1/chat/completions");
    assertThat(backup.requestCount()).isZero();
  }
}
