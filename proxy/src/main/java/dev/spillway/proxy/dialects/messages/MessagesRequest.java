package dev.spillway.proxy.dialects.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.dialects.Fields;
import dev.spillway.proxy.http.ApiError;
import dev.spillway.proxy.http.Json;

/**
 * An Anthropic Messages request as the internal chat-completions body. Anthropic-only features
 * travel by LiteLLM's conventions, so an Anthropic target gets them back losslessly and other
 * targets ignore or translate them: {@code thinking} stays top-level, {@code cache_control} stays on
 * its content part, tool or system part, {@code top_k} is carried as is.
 */
final class MessagesRequest {
  private MessagesRequest() {}

  static ObjectNode toChat(ObjectNode request) {
    ObjectNode chat = Json.MAPPER.createObjectNode();
    chat.put("model", Fields.text(request, "model"));
    JsonNode maxTokens = request.get("max_tokens");
    if (maxTokens == null || !maxTokens.isIntegralNumber() || maxTokens.asLong() < 1) {
      throw ApiError.invalidRequest("max_tokens", "'max_tokens' is required and must be a positive integer");
    }
    chat.put("max_tokens", maxTokens.asLong());
    ArrayNode messages = chat.putArray("messages");
    system(request.get("system"), messages);
    MessagesContent.convert(request.get("messages"), messages);
    Fields.copy(request, "temperature", chat, "temperature", JsonNode::isNumber, "a number");
    Fields.copy(request, "top_p", chat, "top_p", JsonNode::isNumber, "a number");
    Fields.copy(request, "top_k", chat, "top_k", JsonNode::isIntegralNumber, "an integer");
    Fields.copy(request, "stream", chat, "stream", JsonNode::isBoolean, "a boolean");
    JsonNode stops = Fields.optional(request, "stop_sequences", MessagesRequest::strings, "an array of strings");
    if (stops != null && !stops.isEmpty()) {
      chat.set("stop", stops);
    }
    JsonNode metadata = Fields.optional(request, "metadata", JsonNode::isObject, "an object");
    if (metadata != null && metadata.path("user_id").isTextual()) {
      chat.put("user", metadata.get("user_id").asText());
    }
    thinking(request, chat);
    MessagesTools.convert(request, chat);
    if (chat.path("stream").asBoolean(false)) {
      // Usage arrives in the stream's last chunk, for message_delta.
      chat.putObject("stream_options").put("include_usage", true);
    }
    for (String field : new String[] {"mcp_servers", "container"}) {
      if (request.hasNonNull(field)) {
        throw Fields.unsupported(field, "'" + field + "' is not supported: Spillway routes over providers that cannot honour it");
      }
    }
    return chat;
  }

  /** A string, or text blocks (each may carry cache_control), as one system message. */
  private static void system(JsonNode system, ArrayNode messages) {
    if (system == null || system.isNull()) {
      return;
    }
    if (system.isTextual()) {
      messages.addObject().put("role", "system").put("content", system.asText());
      return;
    }
    if (!system.isArray()) {
      throw ApiError.invalidRequest("system", "'system' must be a string or an array of text blocks");
    }
    ArrayNode parts = Json.MAPPER.createArrayNode();
    for (JsonNode block : system) {
      if (!block.path("type").asText().equals("text") || !block.path("text").isTextual()) {
        throw ApiError.invalidRequest("system", "'system' blocks must be text blocks");
      }
      parts.add(MessagesContent.textPart(block));
    }
    messages.addObject().put("role", "system").set("content", parts);
  }

  private static void thinking(ObjectNode request, ObjectNode chat) {
    JsonNode thinking = Fields.optional(request, "thinking", JsonNode::isObject, "an object");
    if (thinking == null) {
      return;
    }
    String type = thinking.path("type").asText("");
    if (type.equals("enabled") && !thinking.path("budget_tokens").isIntegralNumber()) {
      throw ApiError.invalidRequest("thinking.budget_tokens", "'thinking.budget_tokens' must be an integer when thinking is enabled");
    }
    if (!type.equals("enabled") && !type.equals("disabled")) {
      throw ApiError.invalidRequest("thinking.type", "'thinking.type' must be 'enabled' or 'disabled'");
    }
    chat.set("thinking", thinking);
  }

  private static boolean strings(JsonNode node) {
    if (!node.isArray()) {
      return false;
    }
    for (JsonNode item : node) {
      if (!item.isTextual()) {
        return false;
      }
    }
    return true;
  }
}
