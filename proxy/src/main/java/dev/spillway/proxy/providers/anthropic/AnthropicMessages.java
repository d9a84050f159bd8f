package dev.spillway.proxy.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns OpenAI chat messages into Anthropic's top-level system prompt and a list of turns that
 * alternate between user and assistant, as the Messages API demands.
 */
final class AnthropicMessages {

  /**
   * @param system the system and developer texts, in order
   * @param turns Anthropic messages whose content is always a list of blocks
   */
  record Converted(List<String> system, ArrayNode turns) {}

  private final ObjectMapper mapper;
  private final AnthropicErrors errors;

  AnthropicMessages(ObjectMapper mapper, AnthropicErrors errors) {
    this.mapper = mapper;
    this.errors = errors;
  }

  Converted convert(JsonNode messages) {
    if (!messages.isArray() || messages.isEmpty()) {
      throw errors.invalidRequest("messages must be a non-empty array");
    }
    List<String> system = new ArrayList<>();
    ArrayNode turns = mapper.createArrayNode();
    for (JsonNode message : messages) {
      String role = message.path("role").asText();
      switch (role) {
        case "system", "developer" -> system.addAll(texts(message.path("content")));
        case "user" -> append(turns, "user", blocks(message.path("content")));
        case "assistant" -> append(turns, "assistant", assistantBlocks(message));
        // Anthropic carries tool results in the user turn that follows the tool calls.
        case "tool" -> append(turns, "user", List.of(toolResult(message)));
        default -> throw errors.invalidRequest("unsupported message role: " + role);
      }
    }
    return new Converted(system, turns);
  }

  /** Consecutive messages of one role become one turn, so user/assistant keep alternating. */
  private static void append(ArrayNode turns, String role, List<ObjectNode> blocks) {
    if (blocks.isEmpty()) {
      return;
    }
    JsonNode last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
    ArrayNode content;
    if (last != null && role.equals(last.path("role").asText())) {
      content = (ArrayNode) last.get("content");
    } else {
      ObjectNode turn = turns.addObject();
      turn.put("role", role);
      content = turn.putArray("content");
    }
    content.addAll(blocks);
  }

  /** User content: a string, or parts of text and images. */
  private List<ObjectNode> blocks(JsonNode content) {
    List<ObjectNode> blocks = new ArrayList<>();
    if (content.isTextual()) {
      addText(blocks, content.asText());
      return blocks;
    }
    for (JsonNode part : content) {
      switch (part.path("type").asText()) {
        case "text" -> addText(blocks, part.path("text").asText());
        case "image_url" -> blocks.add(image(part.path("image_url")));
        default -> throw errors.invalidRequest(
            "unsupported content part type: " + part.path("type").asText());
      }
    }
    return blocks;
  }

  private List<ObjectNode> assistantBlocks(JsonNode message) {
    List<ObjectNode> blocks = new ArrayList<>();
    texts(message.path("content")).forEach(text -> addText(blocks, text));
    for (JsonNode call : message.path("tool_calls")) {
      JsonNode function = call.path("function");
      ObjectNode use = mapper.createObjectNode();
      use.put("type", "tool_use")
          .put("id", call.path("id").asText())
          .put("name", function.path("name").asText())
          .set("input", arguments(function));
      blocks.add(use);
    }
    return blocks;
  }

  private ObjectNode toolResult(JsonNode message) {
    ObjectNode result = mapper.createObjectNode();
    result.put("type", "tool_result").put("tool_use_id", message.path("tool_call_id").asText());
    JsonNode content = message.path("content");
    if (content.isArray()) {
      result.putArray("content").addAll(blocks(content));
    } else {
      result.put("content", content.asText(""));
    }
    return result;
  }

  /** Anthropic wants the tool input as an object; OpenAI sends it as a JSON string. */
  private JsonNode arguments(JsonNode function) {
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
      if (parsed.isObject()) {
        return parsed;
      }
    } catch (IOException notJson) {
      // reported below
    }
    throw errors.invalidRequest(
        "arguments of tool call " + function.path("name").asText() + " are not a JSON object");
  }

  /** An image from a base64 data URL or an http(s) URL Anthropic fetches itself. */
  private ObjectNode image(JsonNode imageUrl) {
    String url = imageUrl.isTextual() ? imageUrl.asText() : imageUrl.path("url").asText("");
    ObjectNode block = mapper.createObjectNode().put("type", "image");
    ObjectNode source = block.putObject("source");
    if (url.startsWith("http://") || url.startsWith("https://")) {
      source.put("type", "url").put("url", url);
      return block;
    }
    int comma = url.indexOf(',');
    String meta = comma < 0 ? "" : url.substring(0, comma);
    if (!url.startsWith("data:") || !meta.endsWith(";base64")) {
      throw errors.invalidRequest("images must be base64 data URLs or http(s) URLs");
    }
    String mediaType = meta.substring("data:".length(), meta.indexOf(';'));
    source.put("type", "base64").put("media_type", mediaType).put("data", url.substring(comma + 1));
    return block;
  }

  /** The texts of a string or of text (and refusal) parts; other parts have no text. */
  private static List<String> texts(JsonNode content) {
    if (content.isTextual()) {
      return List.of(content.asText());
    }
    List<String> texts = new ArrayList<>();
    for (JsonNode part : content) {
      JsonNode text = part.has("text") ? part.get("text") : part.path("refusal");
      if (text.isTextual()) {
        texts.add(text.asText());
      }
    }
    return texts;
  }

  /** Anthropic rejects empty text blocks, which OpenAI clients send freely (e.g. with tool calls). */
  private void addText(List<ObjectNode> blocks, String text) {
    if (!text.isEmpty()) {
      blocks.add(mapper.createObjectNode().put("type", "text").put("text", text));
    }
  }
}
