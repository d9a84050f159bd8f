package dev.spillway.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.testing.RecordedRequest;
import dev.spillway.proxy.testing.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Loopback providers speaking the real OpenAI and Anthropic wire formats, as a model would answer:
 * a tool call while the conversation ends with the user's question and tools are offered, else
 * text; streams as the providers send them. Each names its request in a request-id header.
 */
final class WireResponders {
  static final String OPENAI_TEXT = "Hello from the OpenAI-wire loopback";
  static final String ANTHROPIC_TEXT = "Hello from the Anthropic-wire loopback";
  static final String OPENAI_REQUEST_ID = "req_upstream_openai_1";
  static final String ARGUMENTS = "{\"city\":\"Paris\",\"unit\":\"celsius\"}";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private WireResponders() {}

  static Reply openAi(RecordedRequest request) {
    JsonNode body = json(request.body());
    if (request.path().endsWith("/embeddings")) {
      return Reply.json(200, embeddings(body).toString());
    }
    String tool = wantsTool(body.path("tools"), body.path("messages"), "tool") ? body.at("/tools/0/function/name").asText() : null;
    if (!body.path("stream").asBoolean(false)) {
      ObjectNode completion = MAPPER.createObjectNode().put("id", "chatcmpl-loop").put("object", "chat.completion")
          .put("created", 1).put("model", body.path("model").asText());
      ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
      ObjectNode message = choice.putObject("message").put("role", "assistant");
      if (tool != null) {
        message.putNull("content");
        message.putArray("tool_calls").addObject().put("id", "call_loop").put("type", "function")
            .putObject("function").put("name", tool).put("arguments", ARGUMENTS);
      } else {
        message.put("content", OPENAI_TEXT);
      }
      choice.put("finish_reason", tool != null ? "tool_calls" : "stop");
      completion.putObject("usage").put("prompt_tokens", 9).put("completion_tokens", 6).put("total_tokens", 15);
      return Reply.json(200, completion.toString()).header("x-request-id", OPENAI_REQUEST_ID);
    }
    List<String> events = new ArrayList<>();
    events.add(chunk("{\"role\":\"assistant\",\"content\":\"\"}", null));
    if (tool != null) {
      events.add(chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_loop\",\"type\":\"function\",\"function\":{\"name\":\""
          + tool + "\",\"arguments\":\"\"}}]}", null));
      events.add(chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":" + MAPPER.valueToTree(ARGUMENTS) + "}}]}", null));
    } else {
      for (String piece : OPENAI_TEXT.split("(?<= )")) {
        events.add(chunk("{\"content\":" + MAPPER.valueToTree(piece) + "}", null));
      }
    }
    events.add(chunk("{}", tool != null ? "tool_calls" : "stop"));
    events.add("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[],"
        + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":6,\"total_tokens\":15}}");
    events.add("data: [DONE]");
    return Reply.sse(events);
  }

  static Reply anthropic(RecordedRequest request) {
    JsonNode body = json(request.body());
    String tool = wantsTool(body.path("tools"), body.path("messages"), "tool_result") ? body.at("/tools/0/name").asText() : null;
    if (!body.path("stream").asBoolean(false)) {
      ObjectNode message = MAPPER.createObjectNode().put("id", "msg_loop").put("type", "message").put("role", "assistant")
          .put("model", body.path("model").asText());
      ArrayNode content = message.putArray("content");
      if (tool != null) {
        content.addObject().put("type", "tool_use").put("id", "toolu_loop").put("name", tool).set("input", json(ARGUMENTS));
      } else {
        content.addObject().put("type", "text").put("text", ANTHROPIC_TEXT);
      }
      message.put("stop_reason", tool != null ? "tool_use" : "end_turn").putNull("stop_sequence");
      message.putObject("usage").put("input_tokens", 9).put("output_tokens", 6);
      return Reply.json(200, message.toString()).header("request-id", "req_upstream_anthropic_1");
    }
    List<String> events = new ArrayList<>();
    events.add(event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_loop\",\"type\":\"message\","
        + "\"role\":\"assistant\",\"model\":\"m\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
        + "\"usage\":{\"input_tokens\":9,\"output_tokens\":1}}}"));
    if (tool != null) {
      events.add(event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
          + "{\"type\":\"tool_use\",\"id\":\"toolu_loop\",\"name\":\"" + tool + "\",\"input\":{}}}"));
      events.add(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
          + "{\"type\":\"input_json_delta\",\"partial_json\":" + MAPPER.valueToTree(ARGUMENTS) + "}}"));
    } else {
      events.add(event("content_block_start",
          "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
      for (String piece : ANTHROPIC_TEXT.split("(?<= )")) {
        events.add(event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
            + "{\"type\":\"text_delta\",\"text\":" + MAPPER.valueToTree(piece) + "}}"));
      }
    }
    events.add(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
    events.add(event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\""
        + (tool != null ? "tool_use" : "end_turn") + "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":6}}"));
    events.add(event("message_stop", "{\"type\":\"message_stop\"}"));
    return Reply.sse(events);
  }

  /** Tools offered and no tool result in the conversation yet (the OpenAI role or Anthropic block type). */
  private static boolean wantsTool(JsonNode tools, JsonNode messages, String resultMarker) {
    if (!tools.isArray() || tools.isEmpty()) {
      return false;
    }
    String conversation = messages.toString();
    return !conversation.contains("\"" + resultMarker + "\"");
  }

  private static ObjectNode embeddings(JsonNode body) {
    ObjectNode answer = MAPPER.createObjectNode().put("object", "list").put("model", body.path("model").asText());
    ArrayNode data = answer.putArray("data");
    boolean base64 = body.path("encoding_format").asText("float").equals("base64");
    for (int i = 0; i < body.path("input").size(); i++) {
      float[] vector = {0.25f, -0.5f, 0.75f, i};
      ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
      if (base64) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vector);
        item.put("embedding", Base64.getEncoder().encodeToString(bytes.array()));
      } else {
        ArrayNode floats = item.putArray("embedding");
        for (float value : vector) {
          floats.add(value);
        }
      }
    }
    answer.putObject("usage").put("prompt_tokens", 2).put("total_tokens", 2);
    return answer;
  }

  private static String chunk(String delta, String finish) {
    return "data: {\"id\":\"chatcmpl-loop\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
        + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + (finish == null ? "null" : "\"" + finish + "\"") + "}]}";
  }

  private static String event(String type, String data) {
    return "event: " + type + "\ndata: " + data;
  }

  private static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text.isEmpty() ? "{}" : text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
