package dev.spillway.proxy.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.providers.ProviderFailure;
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
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    ArrayNode thinking = mapper.createArrayNode();
    ArrayNode toolCalls = mapper.createArrayNode();
    for (JsonNode block : content) {
      if (block.has("text")) {
        text.append(block.get("text").asText());
      } else if (block.has("toolUse")) {
        JsonNode use = block.get("toolUse");
        if (BedrockRequestTranslator.JSON_TOOL.equals(use.path("name").asText())) {
          text.append(use.path("input").toString()); // a json_schema answer, as content
          stopReason = "end_turn";
          continue;
        }
        toolCalls.addObject()
            .put("id", use.path("toolUseId").asText())
            .put("type", "function")
            .putObject("function")
            .put("name", use.path("name").asText())
            .put("arguments", use.path("input").toString());
      } else if (block.has("reasoningContent")) {
        JsonNode reasoningContent = block.get("reasoningContent");
        if (reasoningContent.has("redactedContent")) {
          thinking.addObject().put("type", "redacted_thinking").put("data", reasoningContent.get("redactedContent").asText());
        } else {
          JsonNode reasoningText = reasoningContent.path("reasoningText");
          reasoning.append(reasoningText.path("text").asText(""));
          ObjectNode thought = thinking.addObject().put("type", "thinking").put("thinking", reasoningText.path("text").asText(""));
          if (reasoningText.path("signature").isTextual()) {
            thought.set("signature", reasoningText.get("signature"));
          }
        }
      }
    }
    ObjectNode body = mapper.createObjectNode()
        .put("id", "chatcmpl-" + UUID.randomUUID())
        .put("object", "chat.completion")
        .put("created", clock.instant().getEpochSecond())
        .put("model", model);
    ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
    ObjectNode message = choice.putObject("message").put("role", "assistant");
    if (text.isEmpty() && !toolCalls.isEmpty()) {
      message.putNull("content");
    } else {
      message.put("content", text.toString());
    }
    if (!toolCalls.isEmpty()) {
      message.set("tool_calls", toolCalls);
    }
    if (!thinking.isEmpty()) {
      message.put("reasoning_content", reasoning.toString());
      message.set("thinking_blocks", thinking);
    }
    choice.put("finish_reason", finishReason(stopReason));
    body.set("usage", usage(response.path("usage")));
    return body;
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
