package dev.spillway.proxy.dialects.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.http.ApiError;
import dev.spillway.proxy.http.Json;

/** The small Anthropic vocabularies: error bodies, stop reasons and usage. */
public final class AnthropicShapes {
  private AnthropicShapes() {}

  /**
   * {@code {"type":"error","error":{"type","message"}}}, the type following Anthropic's table for
   * the status, so its SDK raises the matching error class.
   */
  public static ObjectNode error(ApiError error) {
    ObjectNode body = Json.MAPPER.createObjectNode().put("type", "error");
    body.putObject("error").put("type", errorType(error.status())).put("message", error.getMessage());
    return body;
  }

  static String errorType(int status) {
    return switch (status) {
      case 400, 422 -> "invalid_request_error";
      case 401 -> "authentication_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 413 -> "request_too_large";
      case 429 -> "rate_limit_error";
      case 503, 529 -> "overloaded_error";
      default -> "api_error";
    };
  }

  /** A chat {@code finish_reason} as Anthropic's {@code stop_reason}. */
  static String stopReason(String finishReason) {
    if (finishReason == null) {
      return "end_turn";
    }
    return switch (finishReason) {
      case "length" -> "max_tokens";
      case "tool_calls", "function_call" -> "tool_use";
      case "content_filter" -> "refusal";
      default -> "end_turn";
    };
  }

  /**
   * Chat usage as Anthropic's. Chat's {@code prompt_tokens} counts cached and cache-written tokens
   * too (LiteLLM's convention); Anthropic's {@code input_tokens} does not.
   */
  static ObjectNode usage(JsonNode usage) {
    long cached = usage.path("prompt_tokens_details").path("cached_tokens").asLong(0);
    long written = usage.path("cache_creation_input_tokens").asLong(0);
    long input = Math.max(0, usage.path("prompt_tokens").asLong(0) - cached - written);
    return Json.MAPPER.createObjectNode()
        .put("input_tokens", input)
        .put("output_tokens", usage.path("completion_tokens").asLong(0))
        .put("cache_read_input_tokens", cached)
        .put("cache_creation_input_tokens", written);
  }

  /** Anthropic ids start with {@code msg_}; a provider's completion id is kept behind it. */
  static String messageId(String completionId) {
    return completionId.startsWith("msg_") ? completionId : "msg_" + completionId;
  }
}
