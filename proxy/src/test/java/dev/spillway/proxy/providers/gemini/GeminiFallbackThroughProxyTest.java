package dev.spillway.proxy.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.api.v1alpha1.ProviderKind;
import dev.spillway.config.AccountConfig;
import dev.spillway.config.CapabilitySet;
import dev.spillway.config.HealthCheckConfig;
import dev.spillway.config.MatchConfig;
import dev.spillway.config.SecretRef;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.proxy.server.ProxyOptions;
import dev.spillway.proxy.server.ProxyServer;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.LoopbackHttpServer;
import dev.spillway.proxy.testing.ProxyClient;
import dev.spillway.proxy.testing.Reply;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole path with native Gemini as the primary and an OpenAI-wire server behind it: failures
 * and (when the policy allows) safety blocks move the call to the other provider's format.
 */
class GeminiFallbackThroughProxyTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final SecretRef KEY = new SecretRef("gemini", "api-key");
  private static final String OPENAI_ANSWER =
      "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":\"From OpenAI\"},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}";

  private LoopbackHttpServer gemini;
  private LoopbackHttpServer openAi;
  private ProxyServer proxy;
  private ProxyClient client;

  @BeforeEach
  void start() {
    gemini = LoopbackHttpServer.start();
    openAi = LoopbackHttpServer.start();
    proxy = new ProxyServer(
        new ProxyOptions("127.0.0.1", 0, 1 << 20),
        ref -> KEY.equals(ref) ? Optional.of("AIza-test-key-0123456789") : Optional.empty());
    proxy.start();
    client = new ProxyClient(proxy.port());
    configure(false);
  }

  private void configure(boolean contentPolicyFallback) {
    AccountConfig google = new AccountConfig(
        "google", ProviderKind.GEMINI, gemini.baseUrl() + "/v1beta", KEY, null, null, false,
        Map.of(), TimeoutConfig.DEFAULTS, null, null, HealthCheckConfig.DISABLED, null);
    proxy.configSink().accept(ConfigBuilder.create()
        .account(google)
        .account("openai", openAi.baseUrl())
        .model("chat", m -> m.capabilities(new CapabilitySet(true, true, false, false, false, 200_000))
            .target("google", GeminiBodies.MODEL)
            .target("openai", "gpt-4o"))
        .policy(ConfigBuilder.withContentPolicyFallback(
            ConfigBuilder.policy("chat", 10, MatchConfig.ANY, List.of(), null), contentPolicyFallback))
        .build());
  }

  @AfterEach
  void stop() {
    proxy.close();
    gemini.close();
    openAi.close();
  }

  @Test
  void servedNativelyByGeminiWhenItAnswers() throws Exception {
    gemini.always(Reply.json(200, GeminiBodies.response("STOP", GeminiBodies.usage(4, 2, 0, 0), GeminiBodies.text("From Gemini"))));

    HttpResponse<String> response = client.chat(ProxyClient.chatBody("chat"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-spillway-served-by")).hasValue("google/" + GeminiBodies.MODEL);
    assertThat(MAPPER.readTree(response.body()).at("/choices/0/message/content").asText()).isEqualTo("From Gemini");
    assertThat(gemini.lastRequest().path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
    assertThat(gemini.lastRequest().header("x-goog-api-key")).isEqualTo("AIza-test-key-0123456789");
  }

  @Test
  void overloadedGeminiFailsOverToTheOpenAiWireInOneCall() throws Exception {
    gemini.always(Reply.json(503, GeminiBodies.error(503, "UNAVAILABLE", "The model is overloaded.")));
    openAi.always(Reply.json(200, OPENAI_ANSWER));

    HttpResponse<String> response = client.chat(ProxyClient.chatBody("chat"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-spillway-served-by")).hasValue("openai/gpt-4o");
    assertThat(response.headers().firstValue("x-spillway-fallback-reason")).hasValue("google/" + GeminiBodies.MODEL + ": http 503");
    assertThat(MAPPER.readTree(response.body()).at("/choices/0/message/content").asText()).isEqualTo("From OpenAI");
  }

  @Test
  void overloadedGeminiStreamFailsOverToTheOpenAiWire() throws Exception {
    gemini.always(Reply.json(503, GeminiBodies.error(503, "UNAVAILABLE", "The model is overloaded.")));
    openAi.always(Reply.sse(List.of(
        "data: {\"id\":\"c2\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Streamed\"},\"finish_reason\":null}]}",
        "data: {\"id\":\"c2\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}",
        "data: [DONE]")));

    HttpResponse<String> response = client.chat(ProxyClient.streamBody("chat"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-spillway-served-by")).hasValue("openai/gpt-4o");
    assertThat(response.body()).contains("Streamed").contains("[DONE]");
    assertThat(gemini.lastRequest().query()).isEqualTo("alt=sse");
  }

  @Test
  void safetyBlockIsAnsweredAsTheRefusalUnlessThePolicyFailsOver() throws Exception {
    gemini.always(Reply.json(200, GeminiBodies.response("SAFETY", GeminiBodies.usage(4, 0, 0, 0))));
    openAi.always(Reply.json(200, OPENAI_ANSWER));

    HttpResponse<String> refused = client.chat(ProxyClient.chatBody("chat"));
    configure(true);
    HttpResponse<String> failedOver = client.chat(ProxyClient.chatBody("chat"));

    assertThat(refused.statusCode()).isEqualTo(400);
    JsonNode error = MAPPER.readTree(refused.body()).path("error");
    assertThat(error.path("code").asText()).isEqualTo("content_filter");
    assertThat(error.path("message").asText()).contains("SAFETY");
    assertThat(openAi.requestCount()).isEqualTo(1);
    assertThat(failedOver.statusCode()).isEqualTo(200);
    assertThat(failedOver.headers().firstValue("x-spillway-served-by")).hasValue("openai/gpt-4o");
  }
}
