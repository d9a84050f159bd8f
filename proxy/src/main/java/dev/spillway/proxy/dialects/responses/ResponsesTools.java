package dev.spillway.proxy.dialects.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.dialects.Fields;
import dev.spillway.proxy.http.ApiError;

/** Responses function tools and {@code tool_choice} as their chat-completions forms. */
final class ResponsesTools {
  private ResponsesTools() {}

  static void convert(ObjectNode request, ObjectNode chat) {
    JsonNode tools = Fields.optional(request, "tools", JsonNode::isArray, "an array");
    if (tools != null && !tools.isEmpty()) {
      ArrayNode converted = chat.putArray("tools");
      for (JsonNode tool : tools) {
        String type = tool.path("type").asText("");
        if (!type.equals("function")) {
          // Built-in tools (web search, file search, code interpreter…) run at OpenAI only.
          throw Fields.unsupported("tools", "tool type '" + type + "' is not supported: only function tools can be routed");
        }
        if (!tool.path("name").isTextual()) {
          throw ApiError.invalidRequest("tools", "each function tool needs a string 'name'");
        }
        ObjectNode function = converted.addObject().put("type", "function").putObject("function");
        for (String field : new String[] {"name", "description", "parameters", "strict"}) {
          if (tool.hasNonNull(field)) {
            function.set(field, tool.get(field));
          }
        }
      }
    }
    JsonNode choice = request.get("tool_choice");
    if (choice == null || choice.isNull()) {
      return;
    }
    if (choice.isTextual()) {
      chat.set("tool_choice", choice);
    } else if (choice.path("type").asText("").equals("function") && choice.path("name").isTextual()) {
      chat.putObject("tool_choice").put("type", "function").putObject("function").put("name", choice.get("name").asText());
    } else {
      throw ApiError.invalidRequest("tool_choice", "'tool_choice' must be none, auto, required or {type: function, name}");
    }
  }
}
