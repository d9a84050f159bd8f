package dev.spillway.proxy.providers.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.providers.Usage;
import java.util.ArrayList;
import java.util.List;

/**
 * The OpenAI chat-completions shapes a simulated provider answers with. One instance per call, so
 * every body and chunk of a call shares its id, timestamp and model.
 */
final class SimulatedBodies {
  private final ObjectMapper mapper;
  private final String id;
  private final long created;
  private final String model;

  SimulatedBodies(ObjectMapper mapper, String id, long createdEpochSeconds, String model) {
    this.mapper = mapper;
    this.id = id;
    this.created = createdEpochSeconds;
    this.model = model;
  }

  /** Rough token counts: about four characters per token, which is close enough for demos. */
  static Usage usageOf(JsonNode request, List<SimulatedChat.Choice> choices) {
    return new Usage(roughTokens(request.path("messages").toString()), roughTokens(SimulatedChat.said(choices)), 0);
  }

  private static long roughTokens(String text) {
    return text.isEmpty() ? 0 : Math.max(1, (text.length() + 3) / 4);
  }

  /** Splits a reply into word-sized pieces (each keeps its trailing space), as a model streams. */
  static List<String> pieces(String reply) {
    List<String> pieces = new ArrayList<>();
    for (String piece : reply.split("(?<=\\s)(?=\\S)")) {
      if (!piece.isEmpty()) {
        pieces.add(piece);
      }
    }
    return pieces;
  }

  /** The id of this call's tool calls (a choice's index follows). */
  String callId() {
    return "call_" + id.substring(id.lastIndexOf('-') + 1);
  }

  ObjectNode completion(List<SimulatedChat.Choice> choices, Usage usage) {
    ObjectNode body = header("chat.completion");
    ArrayNode array = body.putArray("choices");
    for (int i = 0; i < choices.size(); i++) {
      SimulatedChat.Choice choice = choices.get(i);
      ObjectNode entry = array.addObject().put("index", i);
      ObjectNode message = entry.putObject("message").put("role", "assistant");
      if (choice.call() == null) {
        message.put("content", choice.text());
      } else {
        message.putNull("content");
        ObjectNode call = message.putArray("tool_calls").addObject().put("id", choice.call().id()).put("type", "function");
        call.putObject("function").put("name", choice.call().name()).put("arguments", choice.call().arguments());
      }
      entry.put("finish_reason", choice.finishReason());
    }
    body.set("usage", usage(usage));
    return body;
  }

  ObjectNode roleChunk(int index) {
    ObjectNode chunk = chunk(index);
    delta(chunk).put("role", "assistant").put("content", "");
    return chunk;
  }

  ObjectNode contentChunk(int index, String piece) {
    ObjectNode chunk = chunk(index);
    delta(chunk).put("content", piece);
    return chunk;
  }

  /** A tool call's first chunk (id and name, no arguments yet) or a later one with a piece of them. */
  ObjectNode toolCallChunk(int index, SimulatedChat.ToolCall call, String arguments, boolean first) {
    ObjectNode chunk = chunk(index);
    ObjectNode entry = delta(chunk).putArray("tool_calls").addObject().put("index", 0);
    ObjectNode function = entry.putObject("function");
    if (first) {
      entry.put("id", call.id()).put("type", "function");
      function.put("name", call.name());
    }
    function.put("arguments", arguments);
    return chunk;
  }

  ObjectNode finishChunk(int index, String reason) {
    ObjectNode chunk = chunk(index);
    delta(chunk);
    ((ObjectNode) chunk.path("choices").get(0)).put("finish_reason", reason);
    return chunk;
  }

  /** The extra chunk sent when the request asked for {@code stream_options.include_usage}. */
  ObjectNode usageChunk(Usage usage) {
    ObjectNode chunk = header("chat.completion.chunk");
    chunk.putArray("choices");
    chunk.set("usage", usage(usage));
    return chunk;
  }

  private ObjectNode chunk(int index) {
    ObjectNode chunk = header("chat.completion.chunk");
    ObjectNode choice = chunk.putArray("choices").addObject();
    choice.put("index", index);
    choice.putNull("finish_reason");
    return chunk;
  }

  private static ObjectNode delta(ObjectNode chunk) {
    return ((ObjectNode) chunk.path("choices").get(0)).putObject("delta");
  }

  private ObjectNode header(String object) {
    ObjectNode body = mapper.createObjectNode();
    body.put("id", id);
    body.put("object", object);
    body.put("created", created);
    body.put("model", model);
    return body;
  }

  private ObjectNode usage(Usage usage) {
    ObjectNode node = mapper.createObjectNode();
    node.put("prompt_tokens", usage.promptTokens());
    node.put("completion_tokens", usage.completionTokens());
    node.put("total_tokens", usage.totalTokens());
    return node;
  }
}
