package dev.spillway.proxy.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.api.v1alpha1.ProviderKind;
import dev.spillway.config.AccountConfig;
import dev.spillway.config.CapabilitySet;
import dev.spillway.config.HealthCheckConfig;
import dev.spillway.config.PricingConfig;
import dev.spillway.config.SecretRef;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.proxy.server.ProxyOptions;
import dev.spillway.proxy.server.ProxyServer;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.LoopbackHttpServer;
import dev.spillway.proxy.testing.ProxyClient;
import dev.spillway.proxy.testing.Reply;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Anthropic in, Anthropic out: a Messages call with {@code thinking}, {@code cache_control} and a
 * previous turn's signed thinking block reaches a real Anthropic-wire server with all of them, and
 * the thinking blocks and cache usage it answers with come back to the client (plain and stream).
 */
class MessagesToAnthropicRoundTripTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final SecretRef KEY = new SecretRef("anthropic", "api-key");
  private static final String REQUEST = """
      {"model":"claude","max_tokens":4096,"stream":%s,
       "thinking":{"type":"enabled","budget_tokens":2048},
       "system":[{"type":"text","text":"You are a careful assistant. <long reference text>",
                  "cache_control":{"type":"ephemeral"}}],
       "messages":[
         {"role":"user","content":"What is 27 * 453?"},
         {"role":"assistant","content":[
           {"type":"thinking","thinking":"27 * 453 = 12231","signature":"EqQBCkgIARABGAIiQPrevTurn"},
           {"type":"text","text":"12231"}]},
         {"role":"user","content":[{"type":"text","text":"And divided by 3?","cache_control":{"type":"ephemeral"}}]}]}""";
  private static final String THINKING = "{\"type\":\"thinking\",\"thinking\":\"12231 / 3 = 4077\","
      + "\"signature\":\"EqQBCkgIARABGAIiQThisTurn\"}";
  private static final String USAGE = "{\"input_tokens\":40,\"output_tokens\":30,"
      + "\"cache_creation_input_tokens\":1500,\"cache_read_input_tokens\":800}";

  /** Sonnet's list prices: cache reads a tenth of input, 5-minute cache writes 1.25 times input. */
  private static final PricingConfig PRICES = new PricingConfig(3.00, 15.00, 0.30, 3.75, 0);

  private LoopbackHttpServer anthropic;
  private ProxyServer proxy;
  private ProxyClient client;

  @BeforeEach
  void start() {
    anthropic = LoopbackHttpServer.start();
    proxy = new ProxyServer(new ProxyOptions("127.0.0.1", 0, 1 << 20),
        ref -> KEY.equals(ref) ? Optional.of("sk-ant-test-key-0123456789") : Optional.empty());
    proxy.start();
    client = new ProxyClient(proxy.port());
    AccountConfig claude = new AccountConfig("claude", ProviderKind.ANTHROPIC, anthropic.baseUrl(), KEY, null,
        "2023-06-01", false, Map.of(), TimeoutConfig.DEFAULTS, null, null, HealthCheckConfig.DISABLED, null);
    proxy.configSink().accept(ConfigBuilder.create()
        .account(claude)
        .model("claude", m -> m.target("claude", AnthropicBodies.MODEL, 1,
            new CapabilitySet(true, true, true, false, false, 200_000), PRICES))
        .build());
  }

  @AfterEach
  void stop() {
    proxy.close();
    anthropic.close();
  }

  private HttpResponse<String> messages(boolean stream) throws Exception {
    return client.send(HttpRequest.newBuilder(client.uri("/v1/messages"))
        .header("content-type", "application/json").header("anthropic-version", "2023-06-01")
        .POST(HttpRequest.BodyPublishers.ofString(REQUEST.formatted(stream))));
  }

  /** What the Anthropic server received: thinking, every cache marker, the previous turn's signed block. */
  private static void assertUpstreamKeptEverything(JsonNode upstream) {
    assertThat(upstream.at("/thinking/type").asText()).isEqualTo("enabled");
    assertThat(upstream.at("/thinking/budget_tokens").asInt()).isEqualTo(2048);
    assertThat(upstream.at("/system/0/cache_control/type").asText()).isEqualTo("ephemeral");
    JsonNode previous = upstream.at("/messages/1/content/0");
    assertThat(previous.path("type").asText()).isEqualTo("thinking");
    assertThat(previous.path("signature").asText()).isEqualTo("EqQBCkgIARABGAIiQPrevTurn");
    assertThat(previous.path("thinking").asText()).isEqualTo("27 * 453 = 12231");
    assertThat(upstream.at("/messages/2/content/0/cache_control/type").asText()).isEqualTo("ephemeral");
    assertThat(upstream.path("max_tokens").asInt()).isEqualTo(4096);
  }

  @Test
  void plainThinkingAndCacheControlReachAnthropicAndTheThinkingBlockComesBack() throws Exception {
    anthropic.always(Reply.json(200, AnthropicBodies.message("end_turn", USAGE, THINKING,
        AnthropicBodies.textBlock("4077"))));

    HttpResponse<String> response = messages(false);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertUpstreamKeptEverything(MAPPER.readTree(anthropic.lastRequest().body()));
    JsonNode answer = MAPPER.readTree(response.body());
    assertThat(answer.at("/content/0/type").asText()).isEqualTo("thinking");
    assertThat(answer.at("/content/0/thinking").asText()).isEqualTo("12231 / 3 = 4077");
    assertThat(answer.at("/content/0/signature").asText()).isEqualTo("EqQBCkgIARABGAIiQThisTurn");
    assertThat(answer.at("/content/1/text").asText()).isEqualTo("4077");
    assertThat(answer.at("/usage/cache_creation_input_tokens").asInt()).isEqualTo(1500);
    assertThat(answer.at("/usage/cache_read_input_tokens").asInt()).isEqualTo(800);
    // 40 input at 3.00, 800 cache reads at 0.30, 1500 cache writes at 3.75, 30 output at 15.00 per MTok.
    double expected = (40 * 3.00 + 800 * 0.30 + 1500 * 3.75 + 30 * 15.00) / 1_000_000;
    String metrics = new ProxyClient(proxy.adminPort()).get("/metrics").body();
    assertThat(metrics.lines().filter(l -> l.startsWith("spillway_spend_usd_total{")).toList()).singleElement()
        .satisfies(line -> assertThat(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
            .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9)));
  }

  @Test
  void aStreamCarriesTheThinkingDeltasAndItsSignature() throws Exception {
    List<String> events = new ArrayList<>();
    events.add(AnthropicBodies.messageStart(40));
    events.add(AnthropicBodies.event("content_block_start",
        "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}"));
    events.add(AnthropicBodies.event("content_block_delta",
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"12231 / 3\"}}"));
    events.add(AnthropicBodies.event("content_block_delta",
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"EqQBStream\"}}"));
    events.add(AnthropicBodies.blockStop(0));
    events.add(AnthropicBodies.textStart(1));
    events.add(AnthropicBodies.textDelta(1, "4077"));
    events.add(AnthropicBodies.blockStop(1));
    events.add(AnthropicBodies.messageDelta("end_turn", 30));
    events.add(AnthropicBodies.messageStop());
    anthropic.always(Reply.sse(events));

    HttpResponse<String> response = messages(true);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertUpstreamKeptEverything(MAPPER.readTree(anthropic.lastRequest().body()));
    assertThat(MAPPER.readTree(anthropic.lastRequest().body()).path("stream").asBoolean()).isTrue();
    List<JsonNode> data = new ArrayList<>();
    for (String line : response.body().split("\n")) {
      if (line.startsWith("data: ")) {
        data.add(MAPPER.readTree(line.substring(6)));
      }
    }
    assertThat(data).anySatisfy(e -> {
      assertThat(e.path("type").asText()).isEqualTo("content_block_start");
      assertThat(e.at("/content_block/type").asText()).isEqualTo("thinking");
    });
    assertThat(data).anySatisfy(e -> assertThat(e.at("/delta/thinking").asText()).isEqualTo("12231 / 3"));
    assertThat(data).anySatisfy(e -> assertThat(e.at("/delta/signature").asText()).isEqualTo("EqQBStream"));
    assertThat(data).anySatisfy(e -> assertThat(e.at("/delta/text").asText()).isEqualTo("4077"));
  }
}
