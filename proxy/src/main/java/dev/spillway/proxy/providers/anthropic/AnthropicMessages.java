package dev.spillway.proxy.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.providers.features.ImageInput;
import dev.spillway.proxy.providers.features.ToolArguments;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns OpenAI chat messages into Anthropic's top-level system prompt and a list of turns that
 * alternate between user and assistant, as the Messages API demands. Kept on the way: {@code
 * cache_control} markers (on parts, on a whole message, on system parts), and an assistant's
 * {@code thinking_blocks} with their signatures, which Anthropic needs back unchanged when a
 * thinking turn continues with tool results.
 */
final class AnthropicMessages {
  static final String CACHE_CONTROL = "cache_control";

  /**
   * @param system the system and developer texts as text blocks, in order
   * @param turns Anthropic messages whose content is always a list of blocks
   */
  record Converted(List<ObjectNode> system, ArrayNode turns) {}

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
    List<ObjectNode> system = new ArrayList<>();
    ArrayNode turns = mapper.createArrayNode();
    for (JsonNode message : messages) {
      String role = message.path("role").asText();
      try {
        switch (role) {
          case "system", "developer" -> system.addAll(cached(message, texts(message.path("content"))));
          case "user" -> append(turns, "user", cached(message, blocks(message.path("content"))));
          case "assistant" -> append(turns, "assistant", cached(message, assistantBlocks(message)));
          // Anthropic carries tool results in the user turn that follows the tool calls.
          case "tool" -> append(turns, "user", cached(message, List.of(toolResult(message))));
          default -> throw errors.invalidRequest("unsupported message role: " + role);
        }
      } catch (IllegalArgumentException invalid) {
        throw errors.invalidRequest(invalid.getMessage());
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

  /** A message-level cache_control (LiteLLM's shorthand) marks the message's last block. */
  private static List<ObjectNode> cached(JsonNode message, List<ObjectNode> blocks) {
    if (message.path(CACHE_CONTROL).isObject() && !blocks.isEmpty()) {
      blocks.get(blocks.size() - 1).set(CACHE_CONTROL, message.get(CACHE_CONTROL));
    }
    return blocks;
  }

  /** User content: a string, or parts of text and images. */
  private List<ObjectNode> blocks(JsonNode content) {
    List<ObjectNode> blocks = new ArrayList<>();
    if (content.isTextual()) {
      addText(blocks, content.asText(), null);
      return blocks;
    }
    for (JsonNode part : content) {
      switch (part.path("type").asText()) {
        case "text" -> addText(blocks, part.path("text").asText(), part);
        case "image_url" -> blocks.add(marked(image(ImageInput.of(part.path("image_url"))), part));
        default -> throw errors.invalidRequest(
            "unsupported content part type: " + part.path("type").asText());
      }
    }
    return blocks;
  }

  /**
   * Thinking blocks first (Anthropic requires them to open the turn), then text, then tool calls.
   */
  private List<ObjectNode> assistantBlocks(JsonNode message) {
    List<ObjectNode> blocks = new ArrayList<>();
    for (JsonNode thinking : message.path("thinking_blocks")) {
      blocks.add(thinkingBlock(thinking));
    }
    blocks.addAll(texts(message.path("content")));
    for (JsonNode call : message.path("tool_calls")) {
      JsonNode function = call.path("function");
      ObjectNode use = mapper.createObjectNode();
      use.put("type", "tool_use")
          .put("id", call.path("id").asText())
          .put("name", function.path("name").asText())
          .set("input", ToolArguments.object(mapper, function));
      blocks.add(use);
    }
    return blocks;
  }

  /** {@code thinking} (text and signature) or {@code redacted_thinking} (opaque data), as given. */
  private ObjectNode thinkingBlock(JsonNode thinking) {
    ObjectNode block = mapper.createObjectNode();
    if ("redacted_thinking".equals(thinking.path("type").asText())) {
      return block.put("type", "redacted_thinking").put("data", thinking.path("data").asText());
    }
    block.put("type", "thinking").put("thinking", thinking.path("thinking").asText(""));
    if (thinking.path("signature").isTextual()) {
      block.set("signature", thinking.get("signature"));
    }
    return block;
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

  /** An image from a base64 data URL or an http(s) URL Anthropic fetches itself. */
  private ObjectNode image(ImageInput image) {
    ObjectNode block = mapper.createObjectNode().put("type", "image");
    ObjectNode source = block.putObject("source");
    if (image.inline()) {
      source.put("type", "base64").put("media_type", image.mediaType()).put("data", image.base64());
    } else {
      source.put("type", "url").put("url", image.url());
    }
    return block;
  }

  /** The text blocks of a string or of text (and refusal) parts; other parts have no text. */
  private List<ObjectNode> texts(JsonNode content) {
    List<ObjectNode> blocks = new ArrayList<>();
    if (content.isTextual()) {
      addText(blocks, content.asText(), null);
      return blocks;
    }
    for (JsonNode part : content) {
      JsonNode text = part.has("text") ? part.get("text") : part.path("refusal");
      if (text.isTextual()) {
        addText(blocks, text.asText(), part);
      }
    }
    return blocks;
  }

  /**
   * Anthropic rejects empty text blocks, which OpenAI clients send freely (e.g. with tool calls).
   *
   * @param part the OpenAI part the text came from, whose cache_control is kept; or null
   */
  private void addText(List<ObjectNode> blocks, String text, JsonNode part) {
    if (!text.isEmpty()) {
      blocks.add(marked(mapper.createObjectNode().put("type", "text").put("text", text), part));
    }
  }

  private static ObjectNode marked(ObjectNode block, JsonNode part) {
    if (part != null && part.path(CACHE_CONTROL).isObject()) {
      block.set(CACHE_CONTROL, part.get(CACHE_CONTROL));
    }
    return block;
  }
}
