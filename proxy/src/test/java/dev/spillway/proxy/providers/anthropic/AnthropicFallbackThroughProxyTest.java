package dev.spillway.proxy.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole path with Anthropic as the fallback: an OpenAI-wire primary fails, and the proxy serves
 * the OpenAI-shaped call from a real Anthropic-wire server, translating both ways.
 */
class AnthropicFallbackThroughProxyTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final SecretRef KEY = new SecretRef("anthropic", "api-key");
  private static final String TOOLS_REQUEST =
      """
      {"model":"chat","stream":%s,
       "messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Weather in Paris?"}],
       "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather now",
                 "parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}]}""";

  private LoopbackHttpServer openAi;
  private LoopbackHttpServer anthropic;
  private ProxyServer proxy;
  private ProxyClient client;

  @BeforeEach
  void start() {
    openAi = LoopbackHttpServer.start();
    anthropic = LoopbackHttpServer.start();
    proxy =
        new ProxyServer(
            new ProxyOptions("127.0.0.1", 0, 1 << 20),
            ref -> KEY.equals(ref) ? Optional.of("sk-ant-test-key-0123456789") : Optional.empty());
    proxy.start();
    client = new ProxyClient(proxy.port());
    AccountConfig claude =
        new AccountConfig(
            "claude", ProviderKind.ANTHROPIC, anthropic.baseUrl(), KEY, null, "2023-06-01", false,
            Map.of(), TimeoutConfig.DEFAULTS, null, null, HealthCheckConfig.DISABLED, null);
    proxy
        .configSink()
        .accept(
            ConfigBuilder.create()
                .account("openai", openAi.baseUrl())
                .account(claude)
                .model(
                    "chat",
                    m ->
                        m.capabilities(new CapabilitySet(true, true, false, false, false, 200_000))
                            .target("openai", "gpt-4o")
                            .target("claude", AnthropicBodies.MODEL))
                .build());
    openAi.always(Reply.json(503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}"));
  }

  @AfterEach
  void stop() {
    proxy.close();
    openAi.close();
    anthropic.close();
  }

  @Test
  void plainToolCallIsServedByAnthropicInTheOpenAiShape() throws Exception {
    anthropic.always(
        Reply.json(
            200,
            AnthropicBodies.message(
                "tool_use",
                AnthropicBodies.usage(30, 12),
                AnthropicBodies.toolUseBlock("toolu_1", "get_weather", "{\"city\":\"Paris\"}"))));

    HttpResponse<String> response = client.chat(TOOLS_REQUEST.formatted("false"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-spillway-served-by")).hasValue("claude/" + AnthropicBodies.MODEL);
    assertThat(response.headers().firstValue("x-spillway-fallback-reason")).hasValue("openai/gpt-4o: http 503");
    JsonNode choice = MAPPER.readTree(response.body()).path("choices").path(0);
    assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
    JsonNode call = choice.path("message").path("tool_calls").path(0);
    assertThat(call.path("function").path("name").asText()).isEqualTo("get_weather");
    assertThat(MAPPER.readTree(call.path("function").path("arguments").asText()).path("city").asText())
        .isEqualTo("Paris");

    JsonNode sent = MAPPER.readTree(anthropic.lastRequest().body());
    assertThat(anthropic.lastRequest().path()).isEqualTo("/v1/messages");
    assertThat(anthropic.lastRequest().header("x-api-key")).isEqualTo("sk-ant-test-key-0123456789");
    assertThat(sent.path("model").asText()).isEqualTo(AnthropicBodies.MODEL);
    assertThat(sent.path("system").asText()).isEqualTo("Be brief.");
    assertThat(sent.path("tools").path(0).path("input_schema").path("properties").has("city")).isTrue();
  }

  @Test
  void streamedToolCallArrivesAsOpenAiChunksAfterThePrimaryFailed() throws Exception {
    anthropic.always(
        Reply.sse(
            List.of(
                AnthropicBodies.messageStart(30),
                AnthropicBodies.toolStart(0, "toolu_2", "get_weather"),
                AnthropicBodies.jsonDelta(0, "{\"city\":"),
                AnthropicBodies.jsonDelta(0, "\"Paris\"}"),
                AnthropicBodies.blockStop(0),
                AnthropicBodies.messageDelta("tool_use", 12),
                AnthropicBodies.messageStop())));

    HttpResponse<String> response = client.chat(TOOLS_REQUEST.formatted("true"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-spillway-served-by")).hasValue("claude/" + AnthropicBodies.MODEL);
    List<JsonNode> chunks = new ArrayList<>();
    StringBuilder arguments = new StringBuilder();
    String finish = null;
    List<String> data = response.body().lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
    assertThat(data).last().isEqualTo("[DONE]");
    for (String line : data.subList(0, data.size() - 1)) {
      JsonNode chunk = MAPPER.readTree(line);
      chunks.add(chunk);
      JsonNode choice = chunk.path("choices").path(0);
      choice.path("delta").path("tool_calls").forEach(c -> arguments.append(c.path("function").path("arguments").asText("")));
      if (choice.hasNonNull("finish_reason")) {
        finish = choice.path("finish_reason").asText();
      }
    }
    assertThat(chunks).allSatisfy(c -> assertThat(c.path("object").asText()).isEqualTo("chat.completion.chunk"));
    assertThat(MAPPER.readTree(arguments.toString()).path("city").asText()).isEqualTo("Paris");
    assertThat(finish).isEqualTo("tool_calls");
    assertThat(MAPPER.readTree(anthropic.lastRequest().body()).path("stream").asBoolean()).isTrue();
  }
}
