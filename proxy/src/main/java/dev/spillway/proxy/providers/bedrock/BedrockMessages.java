package dev.spillway.proxy.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.providers.features.ImageInput;
import dev.spillway.proxy.providers.features.ToolArguments;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * Turns OpenAI chat messages into Converse's {@code system} blocks and alternating {@code
 * messages}: tool calls become {@code toolUse} blocks, tool results {@code toolResult} blocks of
 * the next user turn, thinking blocks {@code reasoningContent} (signatures kept), and each
 * {@code cache_control} marker a {@code cachePoint} after the block it marks.
 */
final class BedrockMessages {
  private static final String CACHE_CONTROL = "cache_control";
  private static final Set<String> IMAGE_FORMATS = Set.of("png", "jpeg", "gif", "webp");

  /** @param system Converse system blocks (text and cache points) */
  record Converted(ArrayNode system, ArrayNode messages) {}

  private final ObjectMapper mapper;

  BedrockMessages(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** @throws IllegalArgumentException naming what Converse cannot express */
  Converted convert(JsonNode messages) {
    if (!messages.isArray() || messages.isEmpty()) {
      throw new IllegalArgumentException("messages must be a non-empty array");
    }
    ArrayNode system = mapper.createArrayNode();
    ArrayNode turns = mapper.createArrayNode();
    for (JsonNode message : messages) {
      String role = message.path("role").asText();
      switch (role) {
        case "system", "developer" -> system.addAll(cached(message, blocks(message.path("content"), false)));
        case "user" -> append(turns, "user", cached(message, blocks(message.path("content"), true)));
        case "assistant" -> append(turns, "assistant", cached(message, assistantBlocks(message)));
        case "tool" -> append(turns, "user", cached(message, toolResult(message)));
        default -> throw new IllegalArgumentException("unsupported message role: " + role);
      }
    }
    return new Converted(system, turns);
  }

  private static void append(ArrayNode turns, String role, ArrayNode blocks) {
    if (blocks.isEmpty()) {
      return;
    }
    JsonNode last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
    if (last != null && role.equals(last.path("role").asText())) {
      ((ArrayNode) last.get("content")).addAll(blocks);
      return;
    }
    turns.addObject().put("role", role).set("content", blocks);
  }

  /** A message-level cache_control marks the end of the message. */
  private ArrayNode cached(JsonNode message, ArrayNode blocks) {
    if (message.path(CACHE_CONTROL).isObject() && !blocks.isEmpty()) {
      blocks.add(cachePoint());
    }
    return blocks;
  }

  private ArrayNode blocks(JsonNode content, boolean imagesAllowed) {
    ArrayNode blocks = mapper.createArrayNode();
    if (content.isTextual()) {
      addText(blocks, content.asText());
      return blocks;
    }
    for (JsonNode part : content) {
      String type = part.path("type").asText();
      if (type.equals("text") || (!imagesAllowed && part.has("text"))) {
        addText(blocks, part.path("text").asText());
      } else if (type.equals("image_url") && imagesAllowed) {
        blocks.add(image(ImageInput.of(part.path("image_url"))));
      } else {
        throw new IllegalArgumentException("unsupported content part type: " + type);
      }
      if (part.path(CACHE_CONTROL).isObject()) {
        blocks.add(cachePoint());
      }
    }
    return blocks;
  }

  private ObjectNode image(ImageInput image) {
    if (!image.inline()) {
      throw new IllegalArgumentException("Bedrock takes images as base64 data URLs, not http(s) URLs");
    }
    String format = image.mediaType().toLowerCase(Locale.ROOT).replace("image/", "").replace("jpg", "jpeg");
    if (!IMAGE_FORMATS.contains(format)) {
      throw new IllegalArgumentException("Bedrock takes png, jpeg, gif and webp images, not " + image.mediaType());
    }
    ObjectNode block = mapper.createObjectNode();
    block.putObject("image").put("format", format).putObject("source").put("bytes", image.base64());
    return block;
  }

  /** Thinking first (Claude requires it to open the turn), then text, then tool calls. */
  private ArrayNode assistantBlocks(JsonNode message) {
    ArrayNode blocks = mapper.createArrayNode();
    for (JsonNode thinking : message.path("thinking_blocks")) {
      ObjectNode reasoning = blocks.addObject().putObject("reasoningContent");
      if ("redacted_thinking".equals(thinking.path("type").asText())) {
        reasoning.put("redactedContent", thinking.path("data").asText());
      } else {
        ObjectNode text = reasoning.putObject("reasoningText").put("text", thinking.path("thinking").asText(""));
        if (thinking.path("signature").isTextual()) {
          text.set("signature", thinking.get("signature"));
        }
      }
    }
    JsonNode content = message.path("content");
    if (content.isTextual()) {
      addText(blocks, content.asText());
    } else if (content.isArray()) {
      content.forEach(part -> addText(blocks, part.path("text").asText("")));
    }
    for (JsonNode call : message.path("tool_calls")) {
      JsonNode function = call.path("function");
      ObjectNode use = blocks.addObject().putObject("toolUse")
          .put("toolUseId", call.path("id").asText())
          .put("name", function.path("name").asText());
      use.set("input", ToolArguments.object(mapper, function));
    }
    return blocks;
  }

  /** A JSON-object result goes as {@code json}, anything else as {@code text}. */
  private ArrayNode toolResult(JsonNode message) {
    JsonNode content = message.path("content");
    String text;
    if (content.isArray()) {
      StringBuilder joined = new StringBuilder();
      content.forEach(part -> joined.append(part.path("text").asText("")));
      text = joined.toString();
    } else {
      text = content.asText("");
    }
    ObjectNode result = mapper.createObjectNode();
    ObjectNode resultBlock = result.putObject("toolResult").put("toolUseId", message.path("tool_call_id").asText());
    ObjectNode item = resultBlock.putArray("content").addObject();
    JsonNode json = parseObject(text);
    if (json != null) {
      item.set("json", json);
    } else {
      item.put("text", text);
    }
    return mapper.createArrayNode().add(result);
  }

  private JsonNode parseObject(String text) {
    try {
      JsonNode parsed = mapper.readTree(text);
      return parsed != null && parsed.isObject() ? parsed : null;
    } catch (IOException notJson) {
      return null;
    }
  }

  ObjectNode cachePoint() {
    ObjectNode point = mapper.createObjectNode();
    point.putObject("cachePoint").put("type", "default");
    return point;
  }

  private static void addText(ArrayNode blocks, String text) {
    if (!text.isEmpty()) {
      blocks.addObject().put("text", text);
    }
  }
}
