package dev.spillway.proxy.providers.anthropic;

import java.util.ArrayList;
import java.util.List;

/** Anthropic wire-format bodies and stream events, as the real API sends them. */
final class AnthropicBodies {
  static final String MODEL = "claude-sonnet-4-5-20250929";

  private AnthropicBodies() {}

  /** A Messages response with these content blocks (each a JSON object). */
  static String message(String stopReason, String usage, String... blocks) {
    return """
        {"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant","model":"%s",
         "content":[%s],"stop_reason":"%s","stop_sequence":null,"usage":%s}"""
        .formatted(MODEL, String.join(",", blocks), stopReason, usage);
  }

  static String textMessage(String text) {
    return message("end_turn", usage(12, 7), textBlock(text));
  }

  static String textBlock(String text) {
    return "{\"type\":\"text\",\"text\":\"" + text + "\"}";
  }

  static String toolUseBlock(String id, String name, String inputJson) {
    return "{\"type\":\"tool_use\",\"id\":\"%s\",\"name\":\"%s\",\"input\":%s}".formatted(id, name, inputJson);
  }

  static String usage(int input, int output) {
    return "{\"input_tokens\":%d,\"output_tokens\":%d}".formatted(input, output);
  }

  static String error(String type, String message) {
    return "{\"type\":\"error\",\"error\":{\"type\":\"%s\",\"message\":\"%s\"}}".formatted(type, message);
  }

  /** One SSE event as it goes on the wire, named in both the event field and the data's type. */
  static String event(String type, String data) {
    return "event: " + type + "\ndata: " + data;
  }

  static String messageStart(int inputTokens) {
    return event(
        "message_start",
        """
        {"type":"message_start","message":{"id":"msg_stream1","type":"message","role":"assistant",\
        "model":"%s","content":[],"stop_reason":null,"stop_sequence":null,\
        "usage":{"input_tokens":%d,"cache_read_input_tokens":3,"output_tokens":1}}}"""
            .formatted(MODEL, inputTokens));
  }

  static String textStart(int index) {
    return event(
        "content_block_start",
        "{\"type\":\"content_block_start\",\"index\":%d,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"
            .formatted(index));
  }

  static String textDelta(int index, String text) {
    return event(
        "content_block_delta",
        "{\"type\":\"content_block_delta\",\"index\":%d,\"delta\":{\"type\":\"text_delta\",\"text\":\"%s\"}}"
            .formatted(index, text));
  }

  static String toolStart(int index, String id, String name) {
    return event(
        "content_block_start",
        ("{\"type\":\"content_block_start\",\"index\":%d,"
                + "\"content_block\":{\"type\":\"tool_use\",\"id\":\"%s\",\"name\":\"%s\",\"input\":{}}}")
            .formatted(index, id, name));
  }

  static String jsonDelta(int index, String partialJson) {
    return event(
        "content_block_delta",
        "{\"type\":\"content_block_delta\",\"index\":%d,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":%s}}"
            .formatted(index, quote(partialJson)));
  }

  static String blockStop(int index) {
    return event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":%d}".formatted(index));
  }

  static String messageDelta(String stopReason, int outputTokens) {
    return event(
        "message_delta",
        "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"%s\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":%d}}"
            .formatted(stopReason, outputTokens));
  }

  static String messageStop() {
    return event("message_stop", "{\"type\":\"message_stop\"}");
  }

  static String ping() {
    return event("ping", "{\"type\": \"ping\"}");
  }

  /** A whole text stream: start, a ping, one delta per piece, stop reason end_turn, stop. */
  static List<String> textStream(String... pieces) {
    List<String> events = new ArrayList<>();
    events.add(messageStart(25));
    events.add(textStart(0));
    events.add(ping());
    for (String piece : pieces) {
      events.add(textDelta(0, piece));
    }
    events.add(blockStop(0));
    events.add(messageDelta("end_turn", 15));
    events.add(messageStop());
    return events;
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
