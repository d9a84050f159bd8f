package dev.spillway.proxy.dialects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.http.Json;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds a stream's {@code chat.completion.chunk}s into the {@code chat.completion} they add up to,
 * so a stream's closing event can carry the whole answer built by the same translation as a plain
 * call. Only choice 0 is kept: the dialects have no {@code n}.
 */
public final class ChunkAccumulator {
  private String id = "";
  private String model = "";
  private long created;
  private final StringBuilder content = new StringBuilder();
  private final StringBuilder reasoning = new StringBuilder();
  private final Map<Integer, ObjectNode> toolCalls = new TreeMap<>();
  private final ArrayNode thinkingBlocks = Json.MAPPER.createArrayNode();
  private String finishReason;
  private JsonNode usage;

  public void add(JsonNode chunk) {
    if (chunk.path("id").isTextual() && id.isEmpty()) {
      id = chunk.get("id").asText();
      model = chunk.path("model").asText("");
      created = chunk.path("created").asLong(0);
    }
    if (chunk.path("usage").isObject()) {
      usage = chunk.get("usage");
    }
    JsonNode choice = chunk.path("choices").path(0);
    JsonNode delta = choice.path("delta");
    if (delta.path("content").isTextual()) {
      content.append(delta.get("content").asText());
    }
    if (delta.path("reasoning_content").isTextual()) {
      reasoning.append(delta.get("reasoning_content").asText());
    }
    for (JsonNode block : delta.path("thinking_blocks")) {
      thinkingBlocks.add(block);
    }
    for (JsonNode call : delta.path("tool_calls")) {
      ObjectNode whole = toolCalls.computeIfAbsent(call.path("index").asInt(toolCalls.size()), index -> {
        ObjectNode created = Json.MAPPER.createObjectNode().put("type", "function");
        created.putObject("function").put("name", "").put("arguments", "");
        return created;
      });
      if (call.path("id").isTextual()) {
        whole.put("id", call.get("id").asText());
      }
      ObjectNode function = (ObjectNode) whole.get("function");
      JsonNode name = call.path("function").path("name");
      if (name.isTextual()) {
        function.put("name", function.get("name").asText() + name.asText());
      }
      JsonNode arguments = call.path("function").path("arguments");
      if (arguments.isTextual()) {
        function.put("arguments", function.get("arguments").asText() + arguments.asText());
      }
    }
    if (choice.path("finish_reason").isTextual()) {
      finishReason = choice.get("finish_reason").asText();
    }
  }

  /** The completion so far, as a plain call would have answered it. */
  public ObjectNode completion() {
    ObjectNode body = Json.MAPPER.createObjectNode()
        .put("id", id).put("object", "chat.completion").put("created", created).put("model", model);
    ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
    ObjectNode message = choice.putObject("message").put("role", "assistant");
    message.put("content", content.length() == 0 && !toolCalls.isEmpty() ? null : content.toString());
    if (reasoning.length() > 0) {
      message.put("reasoning_content", reasoning.toString());
    }
    if (!thinkingBlocks.isEmpty()) {
      message.set("thinking_blocks", thinkingBlocks);
    }
    if (!toolCalls.isEmpty()) {
      toolCalls.values().forEach(message.putArray("tool_calls")::add);
    }
    choice.put("finish_reason", finishReason);
    if (usage != null) {
      body.set("usage", usage);
    }
    return body;
  }
}
