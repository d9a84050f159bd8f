package dev.spillway.proxy.providers.anthropic;

import static dev.spillway.proxy.providers.anthropic.AnthropicBodies.message;
import static dev.spillway.proxy.providers.anthropic.AnthropicBodies.textBlock;
import static dev.spillway.proxy.providers.anthropic.AnthropicBodies.toolUseBlock;
import static dev.spillway.proxy.providers.anthropic.AnthropicBodies.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.proxy.providers.ProviderFailure;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicResponseTranslatorTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
  private final ObjectMapper mapper = new ObjectMapper();
  private final AnthropicResponseTranslator translator =
      new AnthropicResponseTranslator(mapper, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void textResponseBecomesAChatCompletion() throws Exception {
    JsonNode body = translate(message("end_turn", usage(12, 7), textBlock("Hello"), textBlock(" world")));

    assertThat(body).isEqualTo(json("""
        {"id":"msg_01XFDUDYJgAACzvnptvVoYEL","object":"chat.completion","created":%d,
         "model":"%s",
         "choices":[{"index":0,"message":{"role":"assistant","content":"Hello world"},"finish_reason":"stop"}],
         "usage":{"prompt_tokens":12,"completion_tokens":7,"total_tokens":19,"cache_creation_input_tokens":0,
                  "prompt_tokens_details":{"cached_tokens":0}}}"""
        .formatted(NOW.getEpochSecond(), AnthropicBodies.MODEL)));
  }

  @Test
  void toolUseBecomesToolCallsWithCompactArgumentsAndNullContent() throws Exception {
    JsonNode body = translate(message("tool_use", usage(30, 20),
        "{\"type\":\"thinking\",\"thinking\":\"hmm\",\"signature\":\"sig\"}",
        toolUseBlock("toolu_01", "weather", "{ \"city\" : \"Paris\", \"units\": [\"C\"] }"),
        toolUseBlock("toolu_02", "time", "{}")));

    JsonNode message = body.at("/choices/0/message");
    assertThat(message.get("content").isNull()).isTrue();
    assertThat(message.get("tool_calls")).isEqualTo(json("""
        [{"id":"toolu_01","type":"function","function":{"name":"weather","arguments":"{\\"city\\":\\"Paris\\",\\"units\\":[\\"C\\"]}"}},
         {"id":"toolu_02","type":"function","function":{"name":"time","arguments":"{}"}}]"""));
    assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
  }

  @Test
  void textBeforeToolUseIsKept() throws Exception {
    JsonNode body = translate(message("tool_use", usage(1, 1),
        textBlock("Checking."), toolUseBlock("toolu_01", "weather", "{}")));

    assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("Checking.");
    assertThat(body.at("/choices/0/message/tool_calls")).hasSize(1);
  }

  @ParameterizedTest
  @CsvSource({
    "end_turn, stop",
    "stop_sequence, stop",
    "max_tokens, length",
    "tool_use, tool_calls",
    "pause_turn, stop"
  })
  void stopReasonsMapToFinishReasons(String stopReason, String finishReason) throws Exception {
    JsonNode body = translate(message(stopReason, usage(1, 1), textBlock("x")));

    assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo(finishReason);
  }

  @Test
  void thinkingBlocksAreKeptWithTheirSignaturesBesideTheReasoningText() throws Exception {
    JsonNode body = translate(message("end_turn", usage(12, 7),
        "{\"type\":\"thinking\",\"thinking\":\"Step 1.\",\"signature\":\"EqQBsig\"}",
        "{\"type\":\"redacted_thinking\",\"data\":\"opaque\"}",
        textBlock("42")));

    JsonNode message = body.at("/choices/0/message");
    assertThat(message.path("content").asText()).isEqualTo("42");
    assertThat(message.path("reasoning_content").asText()).isEqualTo("Step 1.");
    assertThat(message.path("thinking_blocks")).isEqualTo(json("""
        [{"type":"thinking","thinking":"Step 1.","signature":"EqQBsig"},{"type":"redacted_thinking","data":"opaque"}]"""));
  }

  @Test
  void aRefusalIsAContentPolicyFailure() {
    assertThatThrownBy(() -> translate(message("refusal", usage(12, 0))))
        .isInstanceOfSatisfying(ProviderFailure.class, f -> {
          assertThat(f.contentPolicy()).isTrue();
          assertThat(f.clientError().at("/error/code").asText()).isEqualTo("content_filter");
        });
  }

  @Test
  void cacheTokensCountAsPromptTokensWithTheCachedShareBrokenOut() throws Exception {
    JsonNode body = translate(message("end_turn", """
        {"input_tokens":10,"cache_creation_input_tokens":200,"cache_read_input_tokens":1000,"output_tokens":50}""",
        textBlock("x")));

    assertThat(body.get("usage")).isEqualTo(json("""
        {"prompt_tokens":1210,"completion_tokens":50,"total_tokens":1260,"cache_creation_input_tokens":200,
         "prompt_tokens_details":{"cached_tokens":1000}}"""));
  }

  @Test
  void aBodyThatIsNotAMessageIsAProtocolFailure() {
    assertThatThrownBy(() -> translate("{\"type\":\"completion\",\"completion\":\"hi\"}"))
        .isInstanceOfSatisfying(
            ProviderFailure.class, f -> assertThat(f.kind()).isEqualTo(ProviderFailure.Kind.PROTOCOL));
  }

  /** Re-parsed, so numbers compare by value rather than by node type (long vs int). */
  private JsonNode translate(String response) throws Exception {
    return json(translator.toCompletion(json(response)).toString());
  }

  private JsonNode json(String text) throws Exception {
    return mapper.readTree(text);
  }
}
