package dev.spillway.proxy.dialects.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.http.ApiError;
import dev.spillway.proxy.http.Json;

/**
 * Responses input items as chat messages: messages keep their role ({@code developer} becomes
 * {@code system}, which every provider accepts), consecutive {@code function_call} items become one
 * assistant message's tool calls and {@code function_call_output} items tool messages.
 * {@code reasoning} items are opaque model state that chat cannot carry back, so they are left out;
 * items that need stored state ({@code item_reference}) or built-in tools are refused.
 */
final class ResponsesInput {
  private ResponsesInput() {}

  static void convert(JsonNode input, ArrayNode messages) {
    if (input != null && input.isTextual()) {
      messages.addObject().put("role", "user").put("content", input.asText());
      return;
    }
    if (input == null || !input.isArray() || input.isEmpty()) {
      throw ApiError.invalidRequest("input", "'input' must be a string or a non-empty array of items");
    }
    for (JsonNode item : input) {
      String type = item.path("type").asText(item.has("role") ? "message" : "");
      switch (type) {
        case "message" -> messages.add(message(item));
        case "function_call" -> functionCall(item, messages);
        case "function_call_output" -> messages.addObject()
            .put("role", "tool")
            .put("tool_call_id", item.path("call_id").asText())
            .put("content", item.path("output").isTextual() ? item.get("output").asText() : text(item.path("output")));
        case "reasoning" -> { }
        default -> throw ApiError.invalidRequest("input", "input item type '" + type + "' is not supported"
            + (type.equals("item_reference") ? ": Spillway stores no items; send them whole" : ""));
      }
    }
  }

  private static ObjectNode message(JsonNode item) {
    String role = item.path("role").asText("");
    if (!role.matches("user|assistant|system|developer")) {
      throw ApiError.invalidRequest("input.role", "a message's 'role' must be user, assistant, system or developer");
    }
    ObjectNode message = Json.MAPPER.createObjectNode().put("role", role.equals("developer") ? "system" : role);
    JsonNode content = item.path("content");
    if (content.isTextual()) {
      return message.put("content", content.asText());
    }
    if (!content.isArray()) {
      throw ApiError.invalidRequest("input.content", "a message's 'content' must be a string or an array of parts");
    }
    if (!role.equals("user")) {
      return message.put("content", text(content)); // assistant and system content is text only
    }
    ArrayNode parts = message.putArray("content");
    for (JsonNode part : content) {
      parts.add(part(part));
    }
    return message;
  }

  private static ObjectNode part(JsonNode part) {
    String type = part.path("type").asText("");
    switch (type) {
      case "input_text", "output_text" -> {
        return Json.MAPPER.createObjectNode().put("type", "text").put("text", part.path("text").asText());
      }
      case "input_image" -> {
        if (!part.path("image_url").isTextual()) {
          throw ApiError.invalidRequest("input.content", "input_image needs an 'image_url' (file ids are not supported)");
        }
        ObjectNode image = Json.MAPPER.createObjectNode().put("type", "image_url");
        ObjectNode url = image.putObject("image_url").put("url", part.get("image_url").asText());
        if (part.path("detail").isTextual()) {
          url.put("detail", part.get("detail").asText());
        }
        return image;
      }
      case "input_file" -> {
        if (!part.path("file_data").isTextual()) {
          throw ApiError.invalidRequest("input.content", "input_file needs 'file_data' (file ids are not supported)");
        }
        ObjectNode file = Json.MAPPER.createObjectNode().put("type", "file");
        file.putObject("file").put("file_data", part.get("file_data").asText())
            .put("filename", part.path("filename").asText("file"));
        return file;
      }
      default -> throw ApiError.invalidRequest("input.content", "content part type '" + type + "' is not supported");
    }
  }

  /** Joined with the assistant message right before it, as chat puts text and calls in one turn. */
  private static void functionCall(JsonNode item, ArrayNode messages) {
    JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
    ObjectNode assistant;
    if (last instanceof ObjectNode previous && previous.path("role").asText().equals("assistant")) {
      assistant = previous;
    } else {
      assistant = messages.addObject().put("role", "assistant").putNull("content");
    }
    ArrayNode calls = assistant.has("tool_calls") ? (ArrayNode) assistant.get("tool_calls") : assistant.putArray("tool_calls");
    ObjectNode call = calls.addObject().put("id", item.path("call_id").asText()).put("type", "function");
    call.putObject("function").put("name", item.path("name").asText()).put("arguments", item.path("arguments").asText("{}"));
  }

  /** The text of an array of text parts. */
  private static String text(JsonNode parts) {
    StringBuilder text = new StringBuilder();
    for (JsonNode part : parts) {
      text.append(part.path("text").asText(part.path("refusal").asText("")));
    }
    return text.toString();
  }
}
