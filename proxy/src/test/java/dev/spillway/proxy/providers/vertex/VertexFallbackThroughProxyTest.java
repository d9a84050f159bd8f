package dev.spillway.proxy.providers.vertex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.api.v1alpha1.ProviderKind;
import dev.spillway.config.AccountConfig;
import dev.spillway.config.CapabilitySet;
import dev.spillway.config.HealthCheckConfig;
import dev.spillway.config.SecretRef;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.proxy.server.ProxyOptions;
import dev.spillway.proxy.server.ProxyServer;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.LoopbackHttpServer;
import dev.spillway.proxy.testing.ProxyClient;
import dev.spillway.proxy.testing.Reply;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The whole path with Gemini on Vertex as the primary: quota exhaustion fails over to the OpenAI wire. */
class VertexFallbackThroughProxyTest {
  private static final SecretRef KEY = new SecretRef("gcp", "key.json");
  private final LoopbackHttpServer vertex = LoopbackHttpServer.start();
  private final LoopbackHttpServer openAi = LoopbackHttpServer.start();
  private final String keyFile = new ServiceAccountKey().json(vertex.baseUrl() + "/token");
  private final ProxyServer proxy = new ProxyServer(new ProxyOptions("127.0.0.1", 0, 1 << 20),
      ref -> KEY.equals(ref) ? Optional.of(keyFile) : Optional.empty());

  @AfterEach
  void stop() {
    proxy.close();
    vertex.close();
    openAi.close();
  }

  @Test
  void exhaustedVertexQuotaFailsOverToTheOpenAiWireInOneCall() throws Exception {
    proxy.start();
    AccountConfig gcp = new AccountConfig("gcp", ProviderKind.VERTEX, vertex.baseUrl() + "/v1", KEY, "us-central1",
        null, false, Map.of(), TimeoutConfig.DEFAULTS, null, null, HealthCheckConfig.DISABLED, null);
    proxy.configSink().accept(ConfigBuilder.create()
        .account(gcp)
        .account("openai", openAi.baseUrl())
        .model("chat", m -> m.capabilities(new CapabilitySet(true, true, false, false, false, 200_000))
            .target("gcp", "gemini-2.5-pro")
            .target("openai", "gpt-4o"))
        .build());
    vertex.enqueue(Reply.json(200, "{\"access_token\":\"ya29.t\",\"expires_in\":3600,\"token_type\":\"Bearer\"}"));
    vertex.always(Reply.json(429, "{\"error\":{\"code\":429,\"message\":\"Resource exhausted. Please try again later.\","
        + "\"status\":\"RESOURCE_EXHAUSTED\"}}"));
    openAi.always(Reply.json(200, "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o\","
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"From OpenAI\"},\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}"));

    HttpResponse<String> response = new ProxyClient(proxy.port()).chat(ProxyClient.chatBody("chat"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-spillway-served-by")).hasValue("openai/gpt-4o");
    assertThat(response.headers().firstValue("x-spillway-fallback-reason")).hasValue("gcp/gemini-2.5-pro: http 429");
    assertThat(vertex.lastRequest().path()).endsWith("/publishers/google/models/gemini-2.5-pro:generateContent");
    assertThat(vertex.lastRequest().header("authorization")).isEqualTo("Bearer ya29.t");
  }
}
