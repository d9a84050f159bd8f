package dev.spillway.proxy.dialects.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.http.ApiError;
import dev.spillway.proxy.http.Json;

/**
 * Anthropic turns as chat messages. A user turn's {@code tool_result} blocks become {@code tool}
 * messages (chat wants them right after the assistant's calls, so they go first); an assistant
 * turn's {@code tool_use} blocks become {@code tool_calls} and its thinking blocks
 * {@code thinking_blocks} (signatures kept, so Anthropic accepts them back).
 */
final class MessagesContent {
  private MessagesContent() {}

  static void convert(JsonNode turns, ArrayNode messages) {
    if (turns == null || !turns.isArray() || turns.isEmpty()) {
      throw ApiError.invalidRequest("messages", "'messages' must be a non-empty array");
    }
    for (JsonNode turn : turns) {
      String role = turn.path("role").asText("");
      JsonNode content = turn.get("content");
      if (!role.equals("user") && !role.equals("assistant")) {
        throw ApiError.invalidRequest("messages.role", "each message's 'role' must be 'user' or 'assistant'");
      }
      if (content != null && content.isTextual()) {
        messages.addObject().put("role", role).put("content", content.asText());
      } else if (content != null && content.isArray()) {
        if (role.equals("user")) {
          user(content, messages);
        } else {
          assistant(content, messages);
        }
      } else {
        throw ApiError.invalidRequest("messages.content", "each message's 'content' must be a string or an array of blocks");
      }
    }
  }

  private static void user(JsonNode blocks, ArrayNode messages) {
    ArrayNode parts = Json.MAPPER.createArrayNode();
    for (JsonNode block : blocks) {
      switch (type(block)) {
        case "tool_result" -> messages.add(toolResult(block));
        case "text" -> parts.add(textPart(block));
        case "image" -> parts.add(withCache(block, image(block.path("source"))));
        case "document" -> parts.add(withCache(block, document(block.path("source"))));
        default -> throw unsupported(block);
      }
    }
    if (!parts.isEmpty()) {
      messages.addObject().put("role", "user").set("content", parts);
    }
  }

  private static void assistant(JsonNode blocks, ArrayNode messages) {
    ObjectNode message = Json.MAPPER.createObjectNode().put("role", "assistant");
    ArrayNode parts = Json.MAPPER.createArrayNode();
    ArrayNode calls = Json.MAPPER.createArrayNode();
    ArrayNode thinking = Json.MAPPER.createArrayNode();
    StringBuilder reasoning = new StringBuilder();
    for (JsonNode block : blocks) {
      switch (type(block)) {
        case "text" -> parts.add(textPart(block));
        case "tool_use" -> {
          ObjectNode call = calls.addObject().put("id", block.path("id").asText()).put("type", "function");
          call.putObject("function").put("name", block.path("name").asText())
              .put("arguments", Json.MAPPER.valueToTree(block.path("input")).toString());
        }
        case "thinking" -> {
          thinking.add(block);
          reasoning.append(block.path("thinking").asText(""));
        }
        case "redacted_thinking" -> thinking.add(block);
        default -> throw unsupported(block);
      }
    }
    // Plain text unless a part carries cache_control, which only the parts form can keep.
    boolean cached = false;
    StringBuilder text = new StringBuilder();
    for (JsonNode part : parts) {
      cached |= part.has("cache_control");
      text.append(part.path("text").asText());
    }
    if (cached) {
      message.set("content", parts);
    } else if (parts.isEmpty() && !calls.isEmpty()) {
      message.putNull("content");
    } else {
      message.put("content", text.toString());
    }
    if (!calls.isEmpty()) {
      message.set("tool_calls", calls);
    }
    if (!thinking.isEmpty()) {
      message.set("thinking_blocks", thinking);
      message.put("reasoning_content", reasoning.toString());
    }
    messages.add(message);
  }

  private static ObjectNode toolResult(JsonNode block) {
    ObjectNode message = Json.MAPPER.createObjectNode()
        .put("role", "tool").put("tool_call_id", block.path("tool_use_id").asText());
    JsonNode content = block.path("content");
    // Chat has no error flag on a tool message: the model is told in the text, as LiteLLM does.
    String prefix = block.path("is_error").asBoolean(false) ? "Error: " : "";
    if (content.isArray()) {
      StringBuilder text = new StringBuilder(prefix);
      for (JsonNode part : content) {
        if (!type(part).equals("text")) {
          throw ApiError.invalidRequest("messages.content", "tool_result content must be text: '" + type(part) + "' cannot be routed");
        }
        text.append(part.path("text").asText());
      }
      message.put("content", text.toString());
    } else {
      message.put("content", prefix + content.asText(""));
    }
    return message;
  }

  static ObjectNode textPart(JsonNode block) {
    return withCache(block, Json.MAPPER.createObjectNode().put("type", "text").put("text", block.path("text").asText()));
  }

  private static ObjectNode image(JsonNode source) {
    ObjectNode part = Json.MAPPER.createObjectNode().put("type", "image_url");
    part.putObject("image_url").put("url", sourceUrl(source, "image"));
    return part;
  }

  private static ObjectNode document(JsonNode source) {
    ObjectNode part = Json.MAPPER.createObjectNode().put("type", "file");
    part.putObject("file").put("file_data", sourceUrl(source, "document"));
    return part;
  }

  /** A base64 source as a data URL, a URL source as is. */
  private static String sourceUrl(JsonNode source, String what) {
    return switch (source.path("type").asText("")) {
      case "base64" -> "data:" + source.path("media_type").asText() + ";base64," + source.path("data").asText();
      case "url" -> source.path("url").asText();
      default -> throw ApiError.invalidRequest(
          "messages.content", what + " source type '" + source.path("type").asText("") + "' is not supported (use base64 or url)");
    };
  }

  private static ObjectNode withCache(JsonNode block, ObjectNode part) {
    if (block.has("cache_control")) {
      part.set("cache_control", block.get("cache_control"));
    }
    return part;
  }

  private static String type(JsonNode block) {
    return block.path("type").asText("");
  }

  private static ApiError unsupported(JsonNode block) {
    return ApiError.invalidRequest("messages.content", "content block type '" + type(block) + "' is not supported here");
  }
}
