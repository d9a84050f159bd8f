package dev.spillway.proxy.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.providers.TranslatedStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns the events of one {@code ConverseStream} ({@code messageStart}, {@code contentBlockStart},
 * {@code contentBlockDelta}, {@code contentBlockStop}, {@code messageStop}, {@code metadata}) into
 * OpenAI {@code chat.completion.chunk}s. Stateful: one per stream. The stream is over once the
 * {@code metadata} event (which carries the usage) arrived after {@code messageStop}.
 */
final class BedrockStreamTranslator implements TranslatedStream.Translator {
  private final ObjectMapper mapper;
  private final BedrockResponseTranslator responses;
  private final ObjectNode header;
  private final boolean includeUsage;
  /** Tool-use blocks by Converse block index: their OpenAI index, or -1 for the json_schema answer. */
  private final Map<Integer, int[]> tools = new HashMap<>();
  private int toolCount;
  private boolean sawJsonAnswer;
  private boolean finished;

  BedrockStreamTranslator(
      ObjectMapper mapper, BedrockResponseTranslator responses, String model, long created, boolean includeUsage) {
    this.mapper = mapper;
    this.responses = responses;
    this.includeUsage = includeUsage;
    this.header = mapper.createObjectNode()
        .put("id", "chatcmpl-" + UUID.randomUUID())
        .put("object", "chat.completion.chunk")
        .put("created", created)
        .put("model", model);
  }

  @Override
  public List<ObjectNode> onEvent(String event, JsonNode data) {
    int block = data.path("contentBlockIndex").asInt(-1);
    switch (event == null ? "" : event) {
      case "messageStart" -> {
        return List.of(chunk(delta().put("role", "assistant").put("content", ""), null));
      }
      case "contentBlockStart" -> {
        return blockStart(block, data.path("start"));
      }
      case "contentBlockDelta" -> {
        return blockDelta(block, data.path("delta"));
      }
      case "contentBlockStop" -> {
        int[] tool = tools.get(block);
        return tool == null || tool[0] < 0 || tool[1] == 1 ? List.of() : List.of(arguments(tool, "{}"));
      }
      case "messageStop" -> {
        String stop = BedrockResponseTranslator.refusedOrStop(data.path("stopReason").asText(null));
        String finish = sawJsonAnswer ? "stop" : BedrockResponseTranslator.finishReason(stop);
        return List.of(chunk(delta(), finish));
      }
      case "metadata" -> {
        finished = true;
        if (!includeUsage) {
          return List.of();
        }
        ObjectNode chunk = header.deepCopy();
        chunk.putArray("choices");
        chunk.set("usage", responses.usage(data.path("usage")));
        return List.of(chunk);
      }
      default -> {
        return List.of(); // events added later are tolerated, as AWS asks
      }
    }
  }

  @Override
  public boolean finished() {
    return finished;
  }

  private List<ObjectNode> blockStart(int block, JsonNode start) {
    JsonNode use = start.path("toolUse");
    if (!use.isObject()) {
      return List.of();
    }
    if (BedrockRequestTranslator.JSON_TOOL.equals(use.path("name").asText())) {
      sawJsonAnswer = true;
      tools.put(block, new int[] {-1, 0});
      return List.of();
    }
    int[] tool = {toolCount++, 0};
    tools.put(block, tool);
    ObjectNode call = mapper.createObjectNode().put("index", tool[0])
        .put("id", use.path("toolUseId").asText()).put("type", "function");
    call.putObject("function").put("name", use.path("name").asText()).put("arguments", "");
    ObjectNode delta = delta();
    delta.putArray("tool_calls").add(call);
    return List.of(chunk(delta, null));
  }

  private List<ObjectNode> blockDelta(int block, JsonNode delta) {
    if (delta.path("text").isTextual()) {
      return text(delta.get("text").asText());
    }
    if (delta.has("toolUse")) {
      String input = delta.path("toolUse").path("input").asText("");
      int[] tool = tools.get(block);
      if (tool == null || input.isEmpty()) {
        return List.of();
      }
      return tool[0] < 0 ? text(input) : List.of(arguments(tool, input));
    }
    JsonNode reasoning = delta.path("reasoningContent");
    if (!reasoning.isObject()) {
      return List.of();
    }
    ObjectNode out = delta();
    ObjectNode thinking = out.putArray("thinking_blocks").addObject();
    if (reasoning.has("redactedContent")) {
      thinking.put("type", "redacted_thinking").put("data", reasoning.get("redactedContent").asText());
    } else if (reasoning.has("signature")) {
      thinking.put("type", "thinking").put("thinking", "").put("signature", reasoning.get("signature").asText());
    } else {
      String text = reasoning.path("text").asText("");
      out.put("reasoning_content", text);
      thinking.put("type", "thinking").put("thinking", text);
    }
    return List.of(chunk(out, null));
  }

  private List<ObjectNode> text(String text) {
    return text.isEmpty() ? List.of() : List.of(chunk(delta().put("content", text), null));
  }

  private ObjectNode arguments(int[] tool, String json) {
    tool[1] = 1;
    ObjectNode call = mapper.createObjectNode().put("index", tool[0]);
    call.putObject("function").put("arguments", json);
    ObjectNode delta = delta();
    delta.putArray("tool_calls").add(call);
    return chunk(delta, null);
  }

  private ObjectNode delta() {
    return mapper.createObjectNode();
  }

  private ObjectNode chunk(ObjectNode delta, String finishReason) {
    ObjectNode chunk = header.deepCopy();
    ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
    choice.set("delta", delta);
    choice.put("finish_reason", finishReason);
    return chunk;
  }
}
