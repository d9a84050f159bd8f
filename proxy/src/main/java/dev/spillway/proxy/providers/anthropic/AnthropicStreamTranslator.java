package dev.spillway.proxy.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.providers.features.ContentPolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the events of one Anthropic stream into OpenAI {@code chat.completion.chunk}s. Stateful and
 * not thread-safe: one per stream (stream callbacks never run concurrently).
 *
 * <p>Anthropic numbers content blocks (text, tool_use, thinking…) together; OpenAI numbers tool
 * calls alone, from 0. The translator keeps the mapping between the two.
 */
final class AnthropicStreamTranslator {
  private final ObjectMapper mapper;
  private final AnthropicResponseTranslator responses;
  private final long created;
  private final boolean includeUsage;
  private final ObjectNode usage;
  private final Map<Integer, ToolCall> toolsByBlock = new HashMap<>();
  private String id = "";
  private String model = "";
  private boolean stopped;

  /** A tool_use block in flight: its OpenAI index, and whether any argument text was sent. */
  private static final class ToolCall {
    final int index;
    boolean sentArguments;

    ToolCall(int index) {
      this.index = index;
    }
  }

  /**
   * @param created the chunks' {@code created}, the same for the whole stream
   * @param includeUsage the request asked for {@code stream_options.include_usage}
   */
  AnthropicStreamTranslator(
      ObjectMapper mapper, AnthropicResponseTranslator responses, long created, boolean includeUsage) {
    this.mapper = mapper;
    this.responses = responses;
    this.created = created;
    this.includeUsage = includeUsage;
    this.usage = mapper.createObjectNode();
  }

  /**
   * The chunks one event yields (often none). Unknown event and block types yield nothing, as
   * Anthropic asks clients to tolerate new ones.
   *
   * @param type the event type ({@code message_start}, …); {@code error} is the caller's business
   * @throws dev.spillway.proxy.providers.ProviderFailure content policy when Anthropic refuses
   */
  List<ObjectNode> onEvent(String type, JsonNode event) {
    int block = event.path("index").asInt(-1);
    return switch (type) {
      case "message_start" -> {
        JsonNode message = event.path("message");
        id = message.path("id").asText();
        model = message.path("model").asText();
        addUsage(message.path("usage"));
        yield List.of(chunk(delta().put("role", "assistant").put("content", ""), null));
      }
      case "content_block_start" -> blockStart(block, event.path("content_block"));
      case "content_block_delta" -> blockDelta(block, event.path("delta"));
      case "content_block_stop" -> blockStop(block);
      case "message_delta" -> {
        addUsage(event.path("usage"));
        String stopReason = event.path("delta").path("stop_reason").asText(null);
        if ("refusal".equals(stopReason)) {
          throw ContentPolicy.refused(400, "anthropic refused to answer (stop_reason: refusal)");
        }
        yield List.of(chunk(delta(), AnthropicResponseTranslator.finishReason(stopReason)));
      }
      case "message_stop" -> {
        stopped = true;
        yield includeUsage ? List.of(usageChunk()) : List.of();
      }
      default -> List.of();
    };
  }

  /** Whether {@code message_stop} arrived: the only clean end of an Anthropic stream. */
  boolean stopped() {
    return stopped;
  }

  private List<ObjectNode> blockStart(int block, JsonNode content) {
    switch (content.path("type").asText()) {
      case "text" -> {
        return text(content.path("text").asText(""));
      }
      case "tool_use" -> {
        ToolCall call = new ToolCall(toolsByBlock.size());
        toolsByBlock.put(block, call);
        ObjectNode tool = toolCall(call);
        tool.put("id", content.path("id").asText()).put("type", "function");
        tool.putObject("function").put("name", content.path("name").asText()).put("arguments", "");
        return List.of(chunk(toolDelta(tool), null));
      }
      case "redacted_thinking" -> {
        ObjectNode delta = delta();
        delta.putArray("thinking_blocks").add(content);
        return List.of(chunk(delta, null));
      }
      default -> {
        return List.of();
      }
    }
  }

  private List<ObjectNode> blockDelta(int block, JsonNode delta) {
    switch (delta.path("type").asText()) {
      case "text_delta" -> {
        return text(delta.path("text").asText(""));
      }
      case "input_json_delta" -> {
        ToolCall call = toolsByBlock.get(block);
        String partial = delta.path("partial_json").asText("");
        return call == null || partial.isEmpty() ? List.of() : List.of(arguments(call, partial));
      }
      // LiteLLM's streamed thinking: the text as reasoning_content and a partial thinking block;
      // the signature arrives last, in a block of its own, and the client joins them.
      case "thinking_delta" -> {
        String thinking = delta.path("thinking").asText("");
        ObjectNode out = delta().put("reasoning_content", thinking);
        out.putArray("thinking_blocks").addObject().put("type", "thinking").put("thinking", thinking);
        return List.of(chunk(out, null));
      }
      case "signature_delta" -> {
        ObjectNode out = delta();
        out.putArray("thinking_blocks").addObject().put("type", "thinking").put("thinking", "")
            .put("signature", delta.path("signature").asText());
        return List.of(chunk(out, null));
      }
      default -> {
        return List.of(); // citation deltas have no OpenAI counterpart
      }
    }
  }

  /** A tool with no input may send no argument deltas; "{}" keeps its arguments valid JSON. */
  private List<ObjectNode> blockStop(int block) {
    ToolCall call = toolsByBlock.get(block);
    return call == null || call.sentArguments ? List.of() : List.of(arguments(call, "{}"));
  }

  private List<ObjectNode> text(String text) {
    return text.isEmpty() ? List.of() : List.of(chunk(delta().put("content", text), null));
  }

  private ObjectNode arguments(ToolCall call, String json) {
    call.sentArguments = true;
    ObjectNode tool = toolCall(call);
    tool.putObject("function").put("arguments", json);
    return chunk(toolDelta(tool), null);
  }

  private ObjectNode toolCall(ToolCall call) {
    return mapper.createObjectNode().put("index", call.index);
  }

  private ObjectNode toolDelta(ObjectNode tool) {
    ObjectNode delta = delta();
    delta.putArray("tool_calls").add(tool);
    return delta;
  }

  private ObjectNode delta() {
    return mapper.createObjectNode();
  }

  /** Anthropic reports usage in message_start and (cumulatively) in message_delta. */
  private void addUsage(JsonNode update) {
    update.properties().forEach(
        field -> {
          if (field.getValue().isNumber()) {
            usage.set(field.getKey(), field.getValue());
          }
        });
  }

  private ObjectNode chunk(ObjectNode delta, String finishReason) {
    ObjectNode chunk = header();
    ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
    choice.set("delta", delta);
    choice.put("finish_reason", finishReason);
    return chunk;
  }

  private ObjectNode usageChunk() {
    ObjectNode chunk = header();
    chunk.putArray("choices");
    chunk.set("usage", responses.usage(usage));
    return chunk;
  }

  private ObjectNode header() {
    return mapper.createObjectNode()
        .put("id", id)
        .put("object", "chat.completion.chunk")
        .put("created", created)
        .put("model", model);
  }
}
