package dev.spillway.proxy.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.features.AssistantAnswer;
import dev.spillway.proxy.providers.features.ContentPolicy;
import java.time.Clock;

/**
 * Turns an Anthropic Messages response into an OpenAI {@code chat.completion}; also owns the
 * mappings the stream translator shares (stop reasons, usage).
 */
final class AnthropicResponseTranslator {
  private final ObjectMapper mapper;
  private final Clock clock;

  AnthropicResponseTranslator(ObjectMapper mapper, Clock clock) {
    this.mapper = mapper;
    this.clock = clock;
  }

  /**
   * @throws ProviderFailure of kind PROTOCOL when the body is not a Messages response
   */
  ObjectNode toCompletion(JsonNode response) {
    if (!"message".equals(response.path("type").asText()) || !response.path("content").isArray()) {
      throw ProviderFailure.protocol("anthropic answered 200 without a message");
    }
    AssistantAnswer answer = new AssistantAnswer(mapper);
    for (JsonNode block : response.get("content")) {
      switch (block.path("type").asText()) {
        case "text" -> answer.text(block.path("text").asText());
        case "tool_use" -> answer.toolCall(
            block.path("id").asText(), block.path("name").asText(), block.path("input").toString());
        case "thinking" -> answer.thinking(block.path("thinking").asText(), block.path("signature").asText(null));
        case "redacted_thinking" -> answer.redactedThinking(block.path("data").asText());
        default -> {} // server-side tool blocks have no OpenAI counterpart
      }
    }
    String stopReason = response.path("stop_reason").asText(null);
    if ("refusal".equals(stopReason)) {
      throw ContentPolicy.refused(400, "anthropic refused to answer (stop_reason: refusal)");
    }
    return answer.completion(response.path("id").asText(), response.path("model").asText(),
        clock.instant().getEpochSecond(), finishReason(stopReason), usage(response.path("usage")));
  }

  /** Anthropic's stop_reason as an OpenAI finish_reason. */
  static String finishReason(String stopReason) {
    if (stopReason == null) {
      return "stop";
    }
    return switch (stopReason) {
      case "max_tokens", "model_context_window_exceeded" -> "length";
      case "tool_use" -> "tool_calls";
      // end_turn, stop_sequence, and pause_turn (a long server-side turn the client may resume);
      // a refusal never gets here: it is a content-policy failure
      default -> "stop";
    };
  }

  /**
   * Anthropic's usage as OpenAI's. Anthropic counts cached and cache-writing prompt tokens apart
   * from input_tokens; OpenAI's prompt_tokens includes them, with the cached share broken out (and,
   * as LiteLLM does, the cache writes in cache_creation_input_tokens).
   */
  ObjectNode usage(JsonNode usage) {
    long cacheRead = usage.path("cache_read_input_tokens").asLong(0);
    long cacheWrite = usage.path("cache_creation_input_tokens").asLong(0);
    long prompt = usage.path("input_tokens").asLong(0) + cacheRead + cacheWrite;
    long completion = usage.path("output_tokens").asLong(0);
    ObjectNode out = mapper.createObjectNode();
    out.put("prompt_tokens", prompt)
        .put("completion_tokens", completion)
        .put("total_tokens", prompt + completion)
        .put("cache_creation_input_tokens", cacheWrite)
        .putObject("prompt_tokens_details")
        .put("cached_tokens", cacheRead);
    return out;
  }
}
