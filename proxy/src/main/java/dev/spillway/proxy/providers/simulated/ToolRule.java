package dev.spillway.proxy.providers.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * Whether the simulated model calls a tool, and which. {@code tool_choice} naming a function calls
 * it; {@code required} calls one; {@code none} never does. Under {@code auto} (the default when
 * tools are given) the model calls a tool when the conversation ends with a user message, and
 * answers in text once a tool result came back, which is the loop an agent runs. The tool called
 * is the first one whose name the last user message mentions, else the first tool.
 */
final class ToolRule {
  private ToolRule() {}

  /** The tool definition to call, or null to answer in text. */
  static JsonNode pick(JsonNode request) {
    JsonNode tools = request.path("tools");
    if (!tools.isArray() || tools.isEmpty()) {
      return null;
    }
    JsonNode choice = request.path("tool_choice");
    if (choice.isObject()) {
      return named(tools, choice.path("function").path("name").asText());
    }
    String mode = choice.asText("auto");
    if (mode.equals("none")) {
      return null;
    }
    JsonNode messages = request.path("messages");
    JsonNode last = messages.path(messages.size() - 1);
    if (mode.equals("auto") && !last.path("role").asText().equals("user")) {
      return null;
    }
    String said = ChatReplies.lastUserText(request).toLowerCase(Locale.ROOT);
    for (JsonNode tool : tools) {
      String name = tool.path("function").path("name").asText();
      if (!name.isEmpty() && said.contains(name.toLowerCase(Locale.ROOT))) {
        return tool;
      }
    }
    return tools.get(0);
  }

  /** Whether the choice forces one named function (OpenAI then finishes with "stop"). */
  static boolean forced(JsonNode request) {
    return request.path("tool_choice").isObject();
  }

  static JsonNode named(JsonNode tools, String name) {
    for (JsonNode tool : tools) {
      if (tool.path("function").path("name").asText().equals(name)) {
        return tool;
      }
    }
    return null;
  }
}
