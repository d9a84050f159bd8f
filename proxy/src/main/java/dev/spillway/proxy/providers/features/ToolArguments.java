package dev.spillway.proxy.providers.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** OpenAI sends a tool call's arguments as a JSON string; native APIs want the object. */
public final class ToolArguments {
  private ToolArguments() {}

  /**
   * @param function a tool call's {@code function} ({@code name}, {@code arguments})
   * @throws IllegalArgumentException when the arguments are not a JSON object
   */
  public static JsonNode object(ObjectMapper mapper, JsonNode function) {
    JsonNode raw = function.path("arguments");
    if (raw.isObject()) {
      return raw;
    }
    String text = raw.asText("");
    if (text.isBlank()) {
      return mapper.createObjectNode();
    }
    try {
      JsonNode parsed = mapper.readTree(text);
      if (parsed != null && parsed.isObject()) {
        return parsed;
      }
    } catch (IOException notJson) {
      // reported below
    }
    throw new IllegalArgumentException(
        "arguments of tool call " + function.path("name").asText() + " are not a JSON object");
  }
}
