package dev.spillway.proxy.dialects.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.dialects.Fields;
import dev.spillway.proxy.http.ApiError;
import dev.spillway.proxy.http.Json;

/**
 * A Responses API request as the internal chat-completions body: {@code instructions} become the
 * system message, input items become messages, function tools and {@code text.format} their chat
 * counterparts. Spillway stores no responses, so {@code previous_response_id}, {@code store: true},
 * {@code conversation} and {@code background} are answered with a 400 saying so.
 */
final class ResponsesRequest {
  private static final String STATELESS =
      " is not supported: Spillway stores no responses; send the whole conversation in 'input'";

  private ResponsesRequest() {}

  static ObjectNode toChat(ObjectNode request) {
    for (String field : new String[] {"previous_response_id", "conversation"}) {
      if (request.hasNonNull(field)) {
        throw Fields.unsupported(field, "'" + field + "'" + STATELESS);
      }
    }
    if (request.path("store").asBoolean(false)) {
      throw Fields.unsupported("store", "'store: true'" + STATELESS + " (leave 'store' unset or false)");
    }
    if (request.path("background").asBoolean(false)) {
      throw Fields.unsupported("background", "'background: true' is not supported: responses are served while the client waits");
    }
    ObjectNode chat = Json.MAPPER.createObjectNode();
    chat.put("model", Fields.text(request, "model"));
    ArrayNode messages = chat.putArray("messages");
    JsonNode instructions = Fields.optional(request, "instructions", JsonNode::isTextual, "a string");
    if (instructions != null) {
      messages.addObject().put("role", "system").put("content", instructions.asText());
    }
    ResponsesInput.convert(request.get("input"), messages);
    Fields.copy(request, "max_output_tokens", chat, "max_completion_tokens", JsonNode::isIntegralNumber, "an integer");
    Fields.copy(request, "temperature", chat, "temperature", JsonNode::isNumber, "a number");
    Fields.copy(request, "top_p", chat, "top_p", JsonNode::isNumber, "a number");
    Fields.copy(request, "parallel_tool_calls", chat, "parallel_tool_calls", JsonNode::isBoolean, "a boolean");
    Fields.copy(request, "user", chat, "user", JsonNode::isTextual, "a string");
    Fields.copy(request, "stream", chat, "stream", JsonNode::isBoolean, "a boolean");
    JsonNode metadata = Fields.optional(request, "metadata", JsonNode::isObject, "an object");
    if (metadata != null) {
      chat.set("metadata", metadata.deepCopy()); // routing hints are taken out of the copy
    }
    JsonNode reasoning = Fields.optional(request, "reasoning", JsonNode::isObject, "an object");
    if (reasoning != null && reasoning.path("effort").isTextual()) {
      chat.put("reasoning_effort", reasoning.get("effort").asText());
    }
    ResponsesTools.convert(request, chat);
    format(request, chat);
    if (chat.path("stream").asBoolean(false)) {
      // Usage arrives in the stream's last chunk, for response.completed.
      chat.putObject("stream_options").put("include_usage", true);
    }
    return chat;
  }

  /** {@code text.format} as {@code response_format}. */
  private static void format(ObjectNode request, ObjectNode chat) {
    JsonNode text = Fields.optional(request, "text", JsonNode::isObject, "an object");
    JsonNode format = text == null ? null : text.get("format");
    if (format == null || format.isNull()) {
      return;
    }
    switch (format.path("type").asText("")) {
      case "text" -> { }
      case "json_object" -> chat.putObject("response_format").put("type", "json_object");
      case "json_schema" -> {
        if (!format.path("name").isTextual() || !format.path("schema").isObject()) {
          throw ApiError.invalidRequest("text.format", "a json_schema format needs a string 'name' and a 'schema' object");
        }
        ObjectNode schema = chat.putObject("response_format").put("type", "json_schema").putObject("json_schema");
        schema.put("name", format.get("name").asText());
        schema.set("schema", format.get("schema"));
        if (format.has("strict")) {
          schema.set("strict", format.get("strict"));
        }
        if (format.has("description")) {
          schema.set("description", format.get("description"));
        }
      }
      default -> throw ApiError.invalidRequest("text.format.type", "'text.format.type' must be text, json_object or json_schema");
    }
  }
}
