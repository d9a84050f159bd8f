package dev.spillway.proxy.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.features.AssistantAnswer;
import dev.spillway.proxy.providers.features.ContentPolicy;
import java.time.Clock;
import java.util.UUID;

/**
 * Turns a {@code Converse} response into an OpenAI {@code chat.completion}; also owns what the
 * stream translator shares: stop reasons, guardrail refusals and usage.
 */
final class BedrockResponseTranslator {
  private final ObjectMapper mapper;
  private final Clock clock;

  BedrockResponseTranslator(ObjectMapper mapper, Clock clock) {
    this.mapper = mapper;
    this.clock = clock;
  }

  /** @throws ProviderFailure content policy when a guardrail or filter stopped the answer */
  ObjectNode toCompletion(JsonNode response, String model) {
    JsonNode content = response.path("output").path("message").path("content");
    if (!content.isArray()) {
      throw ProviderFailure.protocol("bedrock answered 200 without an output message");
    }
    String stopReason = refusedOrStop(response.path("stopReason").asText(null));
    AssistantAnswer answer = new AssistantAnswer(mapper);
    for (JsonNode block : content) {
      if (block.has("text")) {
        answer.text(block.get("text").asText());
      } else if (block.has("toolUse")) {
        JsonNode use = block.get("toolUse");
        if (BedrockRequestTranslator.JSON_TOOL.equals(use.path("name").asText())) {
          answer.text(use.path("input").toString()); // a json_schema answer, as content
          stopReason = "end_turn";
        } else {
          answer.toolCall(use.path("toolUseId").asText(), use.path("name").asText(), use.path("input").toString());
        }
      } else if (block.has("reasoningContent")) {
        JsonNode reasoning = block.get("reasoningContent");
        if (reasoning.has("redactedContent")) {
          answer.redactedThinking(reasoning.get("redactedContent").asText());
        } else {
          JsonNode thought = reasoning.path("reasoningText");
          answer.thinking(thought.path("text").asText(""), thought.path("signature").asText(null));
        }
      }
    }
    return answer.completion("chatcmpl-" + UUID.randomUUID(), model, clock.instant().getEpochSecond(),
        finishReason(stopReason), usage(response.path("usage")));
  }

  /**
   * The stop reason, unless it says a guardrail or content filter withheld the answer.
   *
   * @throws ProviderFailure content policy for {@code guardrail_intervened} and {@code content_filtered}
   */
  static String refusedOrStop(String stopReason) {
    if ("guardrail_intervened".equals(stopReason) || "content_filtered".equals(stopReason)) {
      throw ContentPolicy.refused(400, "bedrock withheld the answer (stopReason: " + stopReason + ")");
    }
    return stopReason;
  }

  static String finishReason(String stopReason) {
    if (stopReason == null) {
      return "stop";
    }
    return switch (stopReason) {
      case "tool_use" -> "tool_calls";
      case "max_tokens", "model_context_window_exceeded" -> "length";
      default -> "stop"; // end_turn, stop_sequence
    };
  }

  /**
   * Converse's usage as OpenAI's: cache reads and writes are counted apart from inputTokens (as
   * Anthropic does), so the prompt is their sum, with the cached share broken out.
   */
  ObjectNode usage(JsonNode usage) {
    long cacheRead = usage.path("cacheReadInputTokens").asLong(0);
    long cacheWrite = usage.path("cacheWriteInputTokens").asLong(0);
    long prompt = usage.path("inputTokens").asLong(0) + cacheRead + cacheWrite;
    long completion = usage.path("outputTokens").asLong(0);
    ObjectNode out = mapper.createObjectNode()
        .put("prompt_tokens", prompt)
        .put("completion_tokens", completion)
        .put("total_tokens", prompt + completion)
        .put("cache_creation_input_tokens", cacheWrite);
    out.putObject("prompt_tokens_details").put("cached_tokens", cacheRead);
    return out;
  }
}
