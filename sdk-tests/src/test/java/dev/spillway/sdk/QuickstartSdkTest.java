package dev.spillway.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.proxy.server.ProxyOptions;
import dev.spillway.proxy.standalone.StandaloneProxy;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The three official SDKs against the quickstart as a user runs it (simulated providers): every
 * operation a user tries first, errors parsed into each SDK's own classes, and a failover (the
 * quickstart's outage drill) visible in each SDK's response headers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuickstartSdkTest {
  private static final String PRIMARY = "Hello from sim-primary";
  private static final Map<String, String> DRILL = Map.of("SPILLWAY_FAILOVER_HEADERS", "{\"x-spillway-purpose\":\"outage-drill\"}");

  private StandaloneProxy proxy;
  private JsonNode openai;
  private JsonNode anthropic;
  private JsonNode vercel;

  @BeforeAll
  void start() throws Exception {
    Path quickstart = Path.of(System.getProperty("samples.dir", "../samples")).resolve("quickstart");
    proxy = StandaloneProxy.start(new ProxyOptions("127.0.0.1", 0, ProxyOptions.DEFAULT_MAX_BODY), quickstart, Map.of());
    openai = NodeScript.run("openai.mjs", proxy.port(), DRILL);
    anthropic = NodeScript.run("anthropic.mjs", proxy.port(), DRILL);
    vercel = NodeScript.run("vercel.mjs", proxy.port(), DRILL);
  }

  @AfterAll
  void stop() {
    proxy.close();
  }

  private static JsonNode value(JsonNode results, String check) {
    assertThat(results.path(check).path("ok").asBoolean()).as(check + ": " + results.path(check)).isTrue();
    return results.path(check).path("value");
  }

  @Test
  void openAiSdkChatStreamsToolsAndJson() {
    assertThat(value(openai, "modelsList")).extracting(JsonNode::asText).contains("chat", "chat-smart");
    assertThat(value(openai, "modelsRetrieve").path("id").asText()).isEqualTo("chat");
    assertThat(value(openai, "chat").path("text").asText()).startsWith(PRIMARY);
    assertThat(value(openai, "chat").path("requestId").asText()).startsWith("req_");
    assertThat(value(openai, "chatStream").path("text").asText()).startsWith(PRIMARY);
    assertThat(value(openai, "chatTools").path("name").asText()).isEqualTo("get_weather");
    assertThat(value(openai, "chatTools").path("arguments").path("unit").asText()).isIn("celsius", "fahrenheit");
    assertThat(value(openai, "chatTools").path("answer").asText()).startsWith(PRIMARY);
    assertThat(value(openai, "chatJsonSchema").path("population").asInt()).isPositive();
  }

  @Test
  void openAiSdkResponsesApi() {
    assertThat(value(openai, "responses").path("text").asText()).startsWith(PRIMARY);
    assertThat(value(openai, "responses").path("status").asText()).isEqualTo("completed");
    assertThat(value(openai, "responsesStream").path("text").asText()).startsWith(PRIMARY);
    assertThat(value(openai, "responsesStream").path("last").asText()).isEqualTo("response.completed");
    assertThat(value(openai, "responsesTools").path("name").asText()).isEqualTo("get_weather");
    assertThat(value(openai, "responsesTools").path("answer").asText()).startsWith(PRIMARY);
    assertThat(value(openai, "responsesJsonSchema").path("city").isTextual()).isTrue();
  }

  @Test
  void openAiSdkMedia() {
    assertThat(value(openai, "embeddings").path("count").asInt()).isEqualTo(2);
    assertThat(value(openai, "embeddings").path("dimensions").asInt()).isEqualTo(16); // base64, decoded by the SDK
    assertThat(value(openai, "images").path("pngBytes").asText()).isEqualTo("PNG");
    assertThat(value(openai, "speech").path("riff").asText()).isEqualTo("RIFF");
    assertThat(value(openai, "transcription").path("text").asText()).startsWith(PRIMARY); // multipart upload
  }

  @Test
  void openAiSdkErrorsAndFailover() {
    assertThat(openai.path("errorUnknownModel").path("errorClass").asText()).isEqualTo("NotFoundError");
    assertThat(openai.path("errorBadParameter").path("errorClass").asText()).isEqualTo("BadRequestError");
    assertThat(openai.path("errorBadParameter").path("message").asText()).contains("temperature");
    assertThat(value(openai, "failover").path("servedBy").asText()).startsWith("sim-backup");
    assertThat(value(openai, "failover").path("fallbackReason").asText()).contains("sim-flaky");
  }

  @Test
  void anthropicSdkMessages() {
    assertThat(value(anthropic, "messages").path("text").asText()).startsWith(PRIMARY);
    assertThat(value(anthropic, "messages").path("stopReason").asText()).isEqualTo("end_turn");
    assertThat(value(anthropic, "messagesStream").path("text").asText()).startsWith(PRIMARY);
    assertThat(value(anthropic, "messagesStream").path("last").asText()).isEqualTo("message_stop");
    assertThat(value(anthropic, "messagesTools").path("stopReason").asText()).isEqualTo("tool_use");
    assertThat(value(anthropic, "messagesTools").path("answer").asText()).startsWith(PRIMARY);
    assertThat(value(anthropic, "messagesToolsStream").path("input").path("unit").asText()).isIn("celsius", "fahrenheit");
    assertThat(value(anthropic, "messagesImage").path("text").asText()).startsWith(PRIMARY);
    assertThat(anthropic.path("errorUnknownModel").path("errorClass").asText()).isEqualTo("NotFoundError");
    assertThat(anthropic.path("errorUnknownModel").path("type").asText()).isEqualTo("not_found_error");
    assertThat(anthropic.path("errorBadRequest").path("errorClass").asText()).isEqualTo("BadRequestError");
    assertThat(value(anthropic, "failover").path("servedBy").asText()).startsWith("sim-backup");
    assertThat(value(anthropic, "failoverStream").path("text").asText()).startsWith("Hello from sim-backup");
    assertThat(value(anthropic, "failoverStream").path("attempts").asText()).isEqualTo("2");
  }

  @Test
  void vercelAiSdkOverTheResponsesApi() {
    assertThat(value(vercel, "generateText").path("text").asText()).startsWith(PRIMARY);
    assertThat(value(vercel, "generateText").path("responsesApi").asBoolean()).isTrue();
    assertThat(value(vercel, "streamText").path("text").asText()).startsWith(PRIMARY);
    assertThat(value(vercel, "tools").path("called").path("unit").asText()).isIn("celsius", "fahrenheit");
    assertThat(value(vercel, "tools").path("steps").asInt()).isEqualTo(2);
    assertThat(value(vercel, "generateObject").path("population").asInt()).isPositive();
    assertThat(value(vercel, "embeddings").path("count").asInt()).isEqualTo(2);
    assertThat(vercel.path("errorUnknownModel").path("name").asText()).isEqualTo("AI_APICallError");
    assertThat(vercel.path("errorUnknownModel").path("status").asInt()).isEqualTo(404);
    assertThat(value(vercel, "failover").path("servedBy").asText()).startsWith("sim-backup");
  }
}
