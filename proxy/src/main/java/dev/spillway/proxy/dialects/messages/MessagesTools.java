package dev.spillway.proxy.dialects.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.dialects.Fields;
import dev.spillway.proxy.http.ApiError;
import dev.spillway.proxy.http.Json;

/** Anthropic's client tools and {@code tool_choice} as chat-completions function tools. */
final class MessagesTools {
  private MessagesTools() {}

  static void convert(ObjectNode request, ObjectNode chat) {
    JsonNode tools = Fields.optional(request, "tools", JsonNode::isArray, "an array");
    if (tools != null && !tools.isEmpty()) {
      ArrayNode converted = chat.putArray("tools");
      for (JsonNode tool : tools) {
        converted.add(tool(tool));
      }
    }
    JsonNode choice = Fields.optional(request, "tool_choice", JsonNode::isObject, "an object");
    if (choice != null) {
      toolChoice(choice, chat);
    }
  }

  private static ObjectNode tool(JsonNode tool) {
    String type = tool.path("type").asText("custom");
    if (!type.equals("custom")) {
      // Server tools (web search, code execution, computer use…) run at Anthropic only.
      throw Fields.unsupported("tools", "tool type '" + type + "' is not supported: only client tools (name, input_schema) can be routed");
    }
    if (!tool.path("name").isTextual() || !tool.path("input_schema").isObject()) {
      throw ApiError.invalidRequest("tools", "each tool needs a string 'name' and an 'input_schema' object");
    }
    ObjectNode converted = Json.MAPPER.createObjectNode().put("type", "function");
    ObjectNode function = converted.putObject("function").put("name", tool.get("name").asText());
    if (tool.path("description").isTextual()) {
      function.put("description", tool.get("description").asText());
    }
    function.set("parameters", tool.get("input_schema"));
    if (tool.has("cache_control")) {
      converted.set("cache_control", tool.get("cache_control"));
    }
    return converted;
  }

  private static void toolChoice(JsonNode choice, ObjectNode chat) {
    switch (choice.path("type").asText("")) {
      case "auto" -> chat.put("tool_choice", "auto");
      case "any" -> chat.put("tool_choice", "required");
      case "none" -> chat.put("tool_choice", "none");
      case "tool" -> {
        if (!choice.path("name").isTextual()) {
          throw ApiError.invalidRequest("tool_choice.name", "'tool_choice.name' is required for type 'tool'");
        }
        chat.putObject("tool_choice").put("type", "function")
            .putObject("function").put("name", choice.get("name").asText());
      }
      default -> throw ApiError.invalidRequest("tool_choice.type", "'tool_choice.type' must be auto, any, tool or none");
    }
    if (choice.path("disable_parallel_tool_use").asBoolean(false)) {
      chat.put("parallel_tool_calls", false);
    }
  }
}
