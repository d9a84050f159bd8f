package dev.spillway.proxy.dialects.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.dialects.ChunkAccumulator;
import dev.spillway.proxy.dialects.NamedEvents;
import dev.spillway.proxy.http.Json;
import dev.spillway.proxy.streaming.ClientStream;
import java.util.Map;

/**
 * Chat chunks as the Responses API's typed events: {@code response.created} and
 * {@code response.in_progress}, then per output item its {@code output_item.added}, deltas and
 * {@code .done} events (reasoning summary, message text, function-call arguments), and last
 * {@code response.completed} (or {@code response.incomplete} when cut by {@code max_output_tokens})
 * carrying the whole response. A failure after the stream started becomes an {@code error} event
 * and {@code response.failed}, never a clean end. Called from one logical sequence.
 */
final class ResponsesStream implements ClientStream {
  private enum Item { REASONING, MESSAGE, CALL }

  private final NamedEvents events;
  private final ObjectNode request;
  private final ChunkAccumulator folded = new ChunkAccumulator();
  private String responseId;
  private long created;
  private String model = "";
  private int sequence;
  private int outputIndex = -1;
  private Item open;
  private int openTool = -1;
  private String callId;
  private String callName;
  private final StringBuilder itemText = new StringBuilder();

  ResponsesStream(NamedEvents events, ObjectNode request) {
    this.events = events;
    this.request = request;
  }

  @Override
  public void open(Map<String, String> headers) {
    events.open(headers);
  }

  @Override
  public void event(JsonNode chunk) {
    if (chunk.has("error")) {
      failed(chunk.path("error").path("message").asText());
      return;
    }
    start(chunk);
    folded.add(chunk);
    JsonNode delta = chunk.path("choices").path(0).path("delta");
    String reasoning = delta.path("reasoning_content").asText("");
    if (!reasoning.isEmpty()) {
      ensure(Item.REASONING);
      emit("response.reasoning_summary_text.delta", itemEvent().put("summary_index", 0).put("delta", reasoning));
      itemText.append(reasoning);
    }
    String text = delta.path("content").asText("");
    if (!text.isEmpty()) {
      ensure(Item.MESSAGE);
      ObjectNode event = itemEvent().put("content_index", 0).put("delta", text);
      event.putArray("logprobs");
      emit("response.output_text.delta", event);
      itemText.append(text);
    }
    for (JsonNode call : delta.path("tool_calls")) {
      toolCall(call);
    }
  }

  @Override
  public void done() {
    start(Json.MAPPER.createObjectNode());
    close();
    ObjectNode response = ResponsesResponse.from(folded.completion(), request, responseId);
    boolean incomplete = response.path("status").asText().equals("incomplete");
    emit(incomplete ? "response.incomplete" : "response.completed", wrap(response));
    events.end();
  }

  @Override
  public void end() {
    events.end();
  }

  private void start(JsonNode chunk) {
    if (responseId != null) {
      return;
    }
    responseId = ResponsesResponse.newId();
    created = chunk.path("created").asLong(0);
    model = chunk.path("model").asText("");
    emit("response.created", wrap(snapshot("in_progress")));
    emit("response.in_progress", wrap(snapshot("in_progress")));
  }

  private void toolCall(JsonNode call) {
    int tool = call.path("index").asInt(openTool < 0 ? 0 : openTool);
    if (open != Item.CALL || tool != openTool || call.path("id").isTextual()) {
      close();
      openTool = tool;
      callId = call.path("id").asText("");
      callName = call.path("function").path("name").asText("");
      open(Item.CALL, ResponsesResponse.functionCall(callId, callName, "", "in_progress"));
    }
    String arguments = call.path("function").path("arguments").asText("");
    if (!arguments.isEmpty()) {
      emit("response.function_call_arguments.delta", itemEvent().put("delta", arguments));
      itemText.append(arguments);
    }
  }

  private void ensure(Item item) {
    if (open == item) {
      return;
    }
    close();
    if (item == Item.MESSAGE) {
      open(item, ResponsesResponse.messageItem(responseId, "", "in_progress"));
      emit("response.content_part.added", itemEvent().put("content_index", 0).set("part", ResponsesResponse.textPart("")));
    } else {
      open(item, ResponsesResponse.reasoningItem(responseId, ""));
      ObjectNode part = Json.MAPPER.createObjectNode().put("type", "summary_text").put("text", "");
      emit("response.reasoning_summary_part.added", itemEvent().put("summary_index", 0).set("part", part));
    }
  }

  private void open(Item item, ObjectNode added) {
    open = item;
    outputIndex++;
    itemText.setLength(0);
    emit("response.output_item.added", Json.MAPPER.createObjectNode().put("output_index", outputIndex).set("item", added));
  }

  private void close() {
    if (open == null) {
      return;
    }
    String text = itemText.toString();
    ObjectNode item;
    switch (open) {
      case MESSAGE -> {
        ObjectNode done = itemEvent().put("content_index", 0).put("text", text);
        done.putArray("logprobs");
        emit("response.output_text.done", done);
        emit("response.content_part.done", itemEvent().put("content_index", 0).set("part", ResponsesResponse.textPart(text)));
        item = ResponsesResponse.messageItem(responseId, text, "completed");
      }
      case REASONING -> {
        emit("response.reasoning_summary_text.done", itemEvent().put("summary_index", 0).put("text", text));
        ObjectNode part = Json.MAPPER.createObjectNode().put("type", "summary_text").put("text", text);
        emit("response.reasoning_summary_part.done", itemEvent().put("summary_index", 0).set("part", part));
        item = ResponsesResponse.reasoningItem(responseId, text);
      }
      default -> {
        emit("response.function_call_arguments.done", itemEvent().put("arguments", text));
        item = ResponsesResponse.functionCall(callId, callName, text, "completed");
      }
    }
    emit("response.output_item.done", Json.MAPPER.createObjectNode().put("output_index", outputIndex).set("item", item));
    open = null;
  }

  private void failed(String message) {
    start(Json.MAPPER.createObjectNode());
    ObjectNode error = Json.MAPPER.createObjectNode().put("type", "error").put("code", "server_error").put("message", message);
    error.putNull("param");
    emit("error", error);
    ObjectNode response = snapshot("failed");
    response.putObject("error").put("code", "server_error").put("message", message);
    emit("response.failed", wrap(response));
  }

  private ObjectNode itemEvent() {
    String itemId = switch (open) {
      case MESSAGE -> ResponsesResponse.messageId(responseId);
      case REASONING -> ResponsesResponse.reasoningId(responseId);
      case CALL -> ResponsesResponse.functionCallId(callId);
    };
    return Json.MAPPER.createObjectNode().put("item_id", itemId).put("output_index", outputIndex);
  }

  private ObjectNode snapshot(String status) {
    return ResponsesResponse.skeleton(request, responseId, model, created, status);
  }

  private static ObjectNode wrap(ObjectNode response) {
    return (ObjectNode) Json.MAPPER.createObjectNode().set("response", response);
  }

  private void emit(String type, ObjectNode event) {
    ObjectNode typed = Json.MAPPER.createObjectNode().put("type", type).put("sequence_number", sequence++);
    typed.setAll(event);
    events.event(type, typed);
  }
}
