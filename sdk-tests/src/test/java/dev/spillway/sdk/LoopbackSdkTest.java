package dev.spillway.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.spillway.proxy.testing.Reply;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The three SDKs against loopback servers speaking the OpenAI and Anthropic wire formats. Every
 * model's first target is down (503, then skipped once its breaker opens), so every call is a
 * failover the SDKs see in their headers;
 * {@code gpt} is then served by the OpenAI-wire server, {@code claude} by the Anthropic-wire one,
 * so each SDK's API is translated to and from both wire formats.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoopbackSdkTest {
  private static final SecretRef KEY = new SecretRef("anthropic", "api-key");

  private final LoopbackHttpServer down = LoopbackHttpServer.start();
  private final LoopbackHttpServer openAi = LoopbackHttpServer.start();
  private final LoopbackHttpServer anthropic = LoopbackHttpServer.start();
  private ProxyServer proxy;

  @BeforeAll
  void start() {
    down.always(Reply.json(503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}"));
    openAi.answering(WireResponders::openAi);
    anthropic.answering(WireResponders::anthropic);
    proxy = new ProxyServer(new ProxyOptions("127.0.0.1", 0, 1 << 20),
        ref -> KEY.equals(ref) ? Optional.of("sk-ant-9f3c2e7d1b5a4086") : Optional.empty());
    proxy.start();
    AccountConfig claude = new AccountConfig("claude", ProviderKind.ANTHROPIC, anthropic.baseUrl(), KEY, null, "2023-06-01",
        false, Map.of(), TimeoutConfig.DEFAULTS, null, null, HealthCheckConfig.DISABLED, null);
    CapabilitySet all = new CapabilitySet(true, true, true, true, true, 200_000);
    ConfigBuilder config = ConfigBuilder.create()
        .account("down", down.baseUrl())
        .account("openai", openAi.baseUrl())
        .account(claude)
        .model("gpt", m -> m.capabilities(all).target("down", "gpt-4o").target("openai", "gpt-4o-mini"))
        .model("claude", m -> m.capabilities(all).target("down", "gpt-4o").target("claude", "claude-sonnet-4-5"));
    // A failover model per script and serving model, each with a down target of its own, so that one
    // script's failures never open the breaker the next script's failover check goes through.
    for (String script : new String[] {"openai", "anthropic", "vercel"}) {
      for (String model : new String[] {"gpt", "claude"}) {
        String name = "fo-" + script + "-" + model;
        config.account(name, down.baseUrl()).model(name, m -> m.capabilities(all).target(name, "gpt-4o")
            .target(model.equals("gpt") ? "openai" : "claude", model.equals("gpt") ? "gpt-4o-mini" : "claude-sonnet-4-5"));
      }
    }
    proxy.configSink().accept(config.build());
  }

  @AfterAll
  void stop() {
    proxy.close();
    down.close();
    openAi.close();
    anthropic.close();
  }

  /** {@code checks} of the script; its failover checks name {@code fo-<script>-<model>}, whose own first target is down. */
  private JsonNode run(String script, String model, String checks) throws Exception {
    String failover = "fo-" + script.replace(".mjs", "") + "-" + model;
    return NodeScript.run(script, proxy.port(),
        Map.of("SPILLWAY_MODEL", model, "SPILLWAY_FAILOVER_MODEL", failover, "SPILLWAY_ONLY", checks));
  }

  private static JsonNode value(JsonNode results, String check) {
    assertThat(results.path(check).path("ok").asBoolean()).as(check + ": " + results.path(check)).isTrue();
    return results.path(check).path("value");
  }

  @Test
  void openAiSdkOverBothWireFormats() throws Exception {
    JsonNode gpt = run("openai.mjs", "gpt", "chat,chatStream,chatTools,responses,responsesStream,responsesTools,embeddings,failover");
    assertThat(value(gpt, "chat").path("text").asText()).isEqualTo(WireResponders.OPENAI_TEXT);
    assertThat(value(gpt, "chat").path("requestId").asText()).isEqualTo(WireResponders.OPENAI_REQUEST_ID);
    assertThat(value(gpt, "chatStream").path("text").asText()).isEqualTo(WireResponders.OPENAI_TEXT);
    assertThat(value(gpt, "chatTools").path("arguments").path("city").asText()).isEqualTo("Paris");
    assertThat(value(gpt, "chatTools").path("answer").asText()).isEqualTo(WireResponders.OPENAI_TEXT);
    assertThat(value(gpt, "responses").path("text").asText()).isEqualTo(WireResponders.OPENAI_TEXT);
    assertThat(value(gpt, "responsesStream").path("text").asText()).isEqualTo(WireResponders.OPENAI_TEXT);
    assertThat(value(gpt, "responsesTools").path("answer").asText()).isEqualTo(WireResponders.OPENAI_TEXT);
    assertThat(value(gpt, "embeddings").path("dimensions").asInt()).isEqualTo(4);
    assertThat(value(gpt, "failover").path("servedBy").asText()).isEqualTo("openai/gpt-4o-mini");
    assertThat(value(gpt, "failover").path("attempts").asText()).isEqualTo("2");
    assertThat(value(gpt, "failover").path("fallbackReason").asText()).isEqualTo("fo-openai-gpt/gpt-4o: http 503");

    JsonNode claude = run("openai.mjs", "claude", "chat,chatStream,responses,responsesStream,responsesTools");
    assertThat(value(claude, "chat").path("text").asText()).isEqualTo(WireResponders.ANTHROPIC_TEXT);
    assertThat(value(claude, "chatStream").path("text").asText()).isEqualTo(WireResponders.ANTHROPIC_TEXT);
    assertThat(value(claude, "responsesStream").path("text").asText()).isEqualTo(WireResponders.ANTHROPIC_TEXT);
    assertThat(value(claude, "responsesTools").path("arguments").path("unit").asText()).isEqualTo("celsius");
  }

  @Test
  void anthropicSdkOverBothWireFormats() throws Exception {
    JsonNode claude = run("anthropic.mjs", "claude", "messages,messagesStream,messagesTools,messagesToolsStream,failover,failoverStream");
    assertThat(value(claude, "messages").path("text").asText()).isEqualTo(WireResponders.ANTHROPIC_TEXT);
    assertThat(value(claude, "messagesStream").path("text").asText()).isEqualTo(WireResponders.ANTHROPIC_TEXT);
    assertThat(value(claude, "messagesTools").path("input").path("city").asText()).isEqualTo("Paris");
    assertThat(value(claude, "messagesTools").path("answer").asText()).isEqualTo(WireResponders.ANTHROPIC_TEXT);
    assertThat(value(claude, "messagesToolsStream").path("input").path("unit").asText()).isEqualTo("celsius");
    assertThat(value(claude, "failover").path("servedBy").asText()).isEqualTo("claude/claude-sonnet-4-5");
    assertThat(value(claude, "failoverStream").path("servedBy").asText()).isEqualTo("claude/claude-sonnet-4-5");
    assertThat(value(claude, "failoverStream").path("fallbackReason").asText()).isEqualTo("fo-anthropic-claude/gpt-4o: http 503");

    JsonNode gpt = run("anthropic.mjs", "gpt", "messages,messagesStream,messagesTools");
    assertThat(value(gpt, "messages").path("text").asText()).isEqualTo(WireResponders.OPENAI_TEXT);
    assertThat(value(gpt, "messagesStream").path("text").asText()).isEqualTo(WireResponders.OPENAI_TEXT);
    assertThat(value(gpt, "messagesTools").path("stopReason").asText()).isEqualTo("tool_use");
  }

  @Test
  void vercelAiSdkOverBothWireFormats() throws Exception {
    for (String model : new String[] {"gpt", "claude"}) {
      String text = model.equals("gpt") ? WireResponders.OPENAI_TEXT : WireResponders.ANTHROPIC_TEXT;
      JsonNode results = run("vercel.mjs", model, "generateText,streamText,tools,failover");
      assertThat(value(results, "generateText").path("text").asText()).isEqualTo(text);
      assertThat(value(results, "streamText").path("text").asText()).isEqualTo(text);
      assertThat(value(results, "tools").path("called").path("city").asText()).isEqualTo("Paris");
      assertThat(value(results, "failover").path("fallbackReason").asText()).isEqualTo("fo-vercel-" + model + "/gpt-4o: http 503");
    }
  }
}
