package dev.spillway.proxy.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.providers.features.ImageInput;
import dev.spillway.proxy.providers.features.ToolArguments;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns OpenAI chat messages into Gemini's {@code systemInstruction} and {@code contents}: user
 * turns stay {@code user}, assistant turns become {@code model} (tool calls as
 * {@code functionCall} parts), and tool results become {@code functionResponse} parts of a user
 * turn. Consecutive turns of one role are merged, so the answers to parallel calls share one turn
 * as Gemini requires.
 */
final class GeminiContents {

  /** @param system the {@code systemInstruction}, or null when the request has no system text */
  record Converted(ObjectNode system, ArrayNode contents) {}

  private final ObjectMapper mapper;

  GeminiContents(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** @throws IllegalArgumentException naming what cannot be expressed (a 400 for the client) */
  Converted convert(JsonNode messages) {
    if (!messages.isArray() || messages.isEmpty()) {
      throw new IllegalArgumentException("messages must be a non-empty array");
    }
    ArrayNode systemParts = mapper.createArrayNode();
    ArrayNode contents = mapper.createArrayNode();
    // Gemini names a function's answer by the function, OpenAI by the call id.
    Map<String, String> functionByCallId = new HashMap<>();
    for (JsonNode message : messages) {
      String role = message.path("role").asText();
      switch (role) {
        case "system", "developer" -> systemParts.addAll(parts(message.path("content")));
        case "user" -> append(contents, "user", parts(message.path("content")));
        case "assistant" -> append(contents, "model", modelParts(message, functionByCallId));
        case "tool" -> append(contents, "user", functionResponse(message, functionByCallId));
        default -> throw new IllegalArgumentException("unsupported message role: " + role);
      }
    }
    ObjectNode system = null;
    if (!systemParts.isEmpty()) {
      system = mapper.createObjectNode();
      system.set("parts", systemParts);
    }
    return new Converted(system, contents);
  }

  private static void append(ArrayNode contents, String role, ArrayNode parts) {
    if (parts.isEmpty()) {
      return;
    }
    JsonNode last = contents.isEmpty() ? null : contents.get(contents.size() - 1);
    if (last != null && role.equals(last.path("role").asText())) {
      ((ArrayNode) last.get("parts")).addAll(parts);
      return;
    }
    ObjectNode turn = contents.addObject().put("role", role);
    turn.set("parts", parts);
  }

  /** A string, or text and image parts. */
  private ArrayNode parts(JsonNode content) {
    ArrayNode parts = mapper.createArrayNode();
    if (content.isTextual()) {
      addText(parts, content.asText());
      return parts;
    }
    for (JsonNode part : content) {
      switch (part.path("type").asText()) {
        case "text" -> addText(parts, part.path("text").asText());
        case "image_url" -> parts.add(image(ImageInput.of(part.path("image_url"))));
        default -> throw new IllegalArgumentException(
            "unsupported content part type: " + part.path("type").asText());
      }
    }
    return parts;
  }

  private ObjectNode image(ImageInput image) {
    ObjectNode part = mapper.createObjectNode();
    if (image.inline()) {
      part.putObject("inlineData").put("mimeType", image.mediaType()).put("data", image.base64());
      return part;
    }
    if (image.mediaType() == null) {
      throw new IllegalArgumentException(
          "Gemini needs the type of an image URL: end it in .png, .jpg, .gif or .webp, or send a data URL");
    }
    part.putObject("fileData").put("mimeType", image.mediaType()).put("fileUri", image.url());
    return part;
  }

  private ArrayNode modelParts(JsonNode message, Map<String, String> functionByCallId) {
    ArrayNode parts = mapper.createArrayNode();
    JsonNode content = message.path("content");
    if (content.isTextual()) {
      addText(parts, content.asText());
    } else if (content.isArray()) {
      content.forEach(part -> addText(parts, part.path("text").asText("")));
    }
    int firstCall = parts.size();
    for (JsonNode call : message.path("tool_calls")) {
      JsonNode function = call.path("function");
      String name = function.path("name").asText();
      functionByCallId.put(call.path("id").asText(), name);
      ObjectNode functionCall = parts.addObject().putObject("functionCall").put("name", name);
      functionCall.set("args", ToolArguments.object(mapper, function));
    }
    signBack(parts, firstCall, message.path("thinking_blocks"));
    return parts;
  }

  /**
   * Gives the turn's thought signature back where Gemini put it: on the first function call (or,
   * in a turn without calls, its first part). Gemini 3 refuses a multi-turn tool call whose
   * earlier call lost its signature, and thinking models reason on from it.
   */
  private static void signBack(ArrayNode parts, int firstCall, JsonNode thinkingBlocks) {
    String signature = null;
    for (JsonNode block : thinkingBlocks) {
      if (block.path("signature").isTextual()) {
        signature = block.get("signature").asText();
      }
    }
    if (signature == null || parts.isEmpty()) {
      return;
    }
    ((ObjectNode) parts.get(firstCall < parts.size() ? firstCall : 0)).put("thoughtSignature", signature);
  }

  private ArrayNode functionResponse(JsonNode message, Map<String, String> functionByCallId) {
    String callId = message.path("tool_call_id").asText();
    String name = functionByCallId.get(callId);
    if (name == null) {
      throw new IllegalArgumentException(
          "tool message answers call \"" + callId + "\", which no earlier assistant message made");
    }
    ArrayNode parts = mapper.createArrayNode();
    ObjectNode response = parts.addObject().putObject("functionResponse").put("name", name);
    response.set("response", resultObject(message.path("content")));
    return parts;
  }

  /** Gemini wants the result as an object: a JSON object result is kept, anything else wrapped. */
  private JsonNode resultObject(JsonNode content) {
    String text;
    if (content.isArray()) {
      StringBuilder joined = new StringBuilder();
      content.forEach(part -> joined.append(part.path("text").asText("")));
      text = joined.toString();
    } else {
      text = content.asText("");
    }
    try {
      JsonNode parsed = mapper.readTree(text);
      if (parsed != null && parsed.isObject()) {
        return parsed;
      }
    } catch (IOException notJson) {
      // plain text: wrapped below
    }
    return mapper.createObjectNode().put("content", text);
  }

  private static void addText(ArrayNode parts, String text) {
    if (!text.isEmpty()) {
      parts.addObject().put("text", text);
    }
  }
}
