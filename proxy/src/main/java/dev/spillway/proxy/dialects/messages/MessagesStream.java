package dev.spillway.proxy.dialects.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.dialects.NamedEvents;
import dev.spillway.proxy.http.Json;
import dev.spillway.proxy.streaming.ClientStream;
import java.util.Map;

/**
 * Chat chunks as Anthropic's stream: {@code message_start}, one {@code content_block_start /
 * _delta / _stop} run per thinking, text or tool-use block, then {@code message_delta} (stop reason
 * and usage, which chat only reports in its last chunks) and {@code message_stop}. A failure after
 * the stream started becomes Anthropic's {@code error} event, never a clean end. The engine calls
 * it from one logical sequence (under the stream's lock).
 */
final class MessagesStream implements ClientStream {
  private enum Block { THINKING, TEXT, TOOL_USE }

  private final NamedEvents events;
  private boolean started;
  private int index = -1;
  private Block open;
  private int openTool = -1;
  private String finishReason;
  private JsonNode usage = Json.MAPPER.createObjectNode();

  MessagesStream(NamedEvents events) {
    this.events = events;
  }

  @Override
  public void open(Map<String, String> headers) {
    events.open(headers);
  }

  @Override
  public void event(JsonNode chunk) {
    if (chunk.has("error")) {
      ObjectNode error = Json.MAPPER.createObjectNode().put("type", "error");
      error.putObject("error").put("type", "api_error").put("message", chunk.path("error").path("message").asText());
      events.event("error", error);
      return;
    }
    start(chunk);
    if (chunk.path("usage").isObject()) {
      usage = chunk.get("usage");
    }
    JsonNode choice = chunk.path("choices").path(0);
    JsonNode delta = choice.path("delta");
    thinking(delta);
    String text = delta.path("content").asText("");
    if (!text.isEmpty()) {
      delta(Block.TEXT, "text_delta", "text", text);
    }
    for (JsonNode call : delta.path("tool_calls")) {
      toolCall(call);
    }
    if (choice.path("finish_reason").isTextual()) {
      finishReason = choice.get("finish_reason").asText();
    }
  }

  @Override
  public void done() {
    start(Json.MAPPER.createObjectNode());
    close();
    ObjectNode messageDelta = Json.MAPPER.createObjectNode().put("type", "message_delta");
    messageDelta.putObject("delta").put("stop_reason", AnthropicShapes.stopReason(finishReason)).putNull("stop_sequence");
    messageDelta.set("usage", AnthropicShapes.usage(usage));
    events.event("message_delta", messageDelta);
    events.event("message_stop", Json.MAPPER.createObjectNode().put("type", "message_stop"));
    events.end();
  }

  @Override
  public void end() {
    events.end();
  }

  private void start(JsonNode chunk) {
    if (started) {
      return;
    }
    started = true;
    ObjectNode start = Json.MAPPER.createObjectNode().put("type", "message_start");
    ObjectNode message = start.putObject("message")
        .put("id", AnthropicShapes.messageId(chunk.path("id").asText("")))
        .put("type", "message")
        .put("role", "assistant")
        .put("model", chunk.path("model").asText(""));
    message.putArray("content");
    message.putNull("stop_reason");
    message.putNull("stop_sequence");
    message.putObject("usage").put("input_tokens", 0).put("output_tokens", 0);
    events.event("message_start", start);
  }

  /** Reasoning text from {@code reasoning_content}; signatures from {@code thinking_blocks}. */
  private void thinking(JsonNode delta) {
    String reasoning = delta.path("reasoning_content").asText("");
    if (!reasoning.isEmpty()) {
      delta(Block.THINKING, "thinking_delta", "thinking", reasoning);
    }
    for (JsonNode block : delta.path("thinking_blocks")) {
      if (reasoning.isEmpty() && !block.path("thinking").asText("").isEmpty()) {
        delta(Block.THINKING, "thinking_delta", "thinking", block.get("thinking").asText());
      }
      if (!block.path("signature").asText("").isEmpty()) {
        delta(Block.THINKING, "signature_delta", "signature", block.get("signature").asText());
      }
    }
  }

  private void toolCall(JsonNode call) {
    int tool = call.path("index").asInt(openTool < 0 ? 0 : openTool);
    if (open != Block.TOOL_USE || tool != openTool || call.path("id").isTextual()) {
      close();
      openTool = tool;
      ObjectNode block = Json.MAPPER.createObjectNode().put("type", "tool_use")
          .put("id", call.path("id").asText("")).put("name", call.path("function").path("name").asText(""));
      block.putObject("input");
      startBlock(Block.TOOL_USE, block);
    }
    String arguments = call.path("function").path("arguments").asText("");
    if (!arguments.isEmpty()) {
      delta(Block.TOOL_USE, "input_json_delta", "partial_json", arguments);
    }
  }

  private void delta(Block block, String deltaType, String field, String value) {
    if (open != block) {
      close();
      ObjectNode content = Json.MAPPER.createObjectNode();
      if (block == Block.THINKING) {
        content.put("type", "thinking").put("thinking", "").put("signature", "");
      } else {
        content.put("type", "text").put("text", "");
      }
      startBlock(block, content);
    }
    ObjectNode event = Json.MAPPER.createObjectNode().put("type", "content_block_delta").put("index", index);
    event.putObject("delta").put("type", deltaType).put(field, value);
    events.event("content_block_delta", event);
  }

  private void startBlock(Block block, ObjectNode content) {
    open = block;
    index++;
    ObjectNode event = Json.MAPPER.createObjectNode().put("type", "content_block_start").put("index", index);
    event.set("content_block", content);
    events.event("content_block_start", event);
  }

  private void close() {
    if (open != null) {
      events.event("content_block_stop", Json.MAPPER.createObjectNode().put("type", "content_block_stop").put("index", index));
      open = null;
    }
  }
}
