package dev.spillway.proxy.dialects.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.http.Json;
import java.io.IOException;

/** A served chat completion as an Anthropic {@code message}. */
final class MessagesResponse {
  private MessagesResponse() {}

  static ObjectNode from(ObjectNode completion) {
    JsonNode choice = completion.path("choices").path(0);
    JsonNode message = choice.path("message");
    ObjectNode body = Json.MAPPER.createObjectNode()
        .put("id", AnthropicShapes.messageId(completion.path("id").asText("")))
        .put("type", "message")
        .put("role", "assistant")
        .put("model", completion.path("model").asText(""));
    ArrayNode content = body.putArray("content");
    thinking(message, content);
    String text = message.path("content").isTextual() ? message.get("content").asText() : "";
    if (text.isEmpty() && message.path("refusal").isTextual()) {
      text = message.get("refusal").asText();
    }
    if (!text.isEmpty() || !message.path("tool_calls").isArray()) {
      content.addObject().put("type", "text").put("text", text);
    }
    for (JsonNode call : message.path("tool_calls")) {
      content.addObject()
          .put("type", "tool_use")
          .put("id", call.path("id").asText())
          .put("name", call.path("function").path("name").asText())
          .set("input", arguments(call.path("function").path("arguments").asText("")));
    }
    body.put("stop_reason", AnthropicShapes.stopReason(choice.path("finish_reason").asText(null)));
    body.putNull("stop_sequence");
    body.set("usage", AnthropicShapes.usage(completion.path("usage")));
    return body;
  }

  /** Thinking blocks as the provider gave them (with signatures), else the reasoning text. */
  private static void thinking(JsonNode message, ArrayNode content) {
    if (message.path("thinking_blocks").isArray() && !message.get("thinking_blocks").isEmpty()) {
      message.get("thinking_blocks").forEach(content::add);
    } else if (message.path("reasoning_content").isTextual() && !message.get("reasoning_content").asText().isEmpty()) {
      content.addObject().put("type", "thinking")
          .put("thinking", message.get("reasoning_content").asText()).put("signature", "");
    }
  }

  /** Tool input is an object in Anthropic's shape; arguments that are no JSON object come back empty. */
  static ObjectNode arguments(String arguments) {
    try {
      JsonNode parsed = Json.MAPPER.readTree(arguments.isBlank() ? "{}" : arguments);
      return parsed instanceof ObjectNode object ? object : Json.MAPPER.createObjectNode();
    } catch (IOException e) {
      return Json.MAPPER.createObjectNode();
    }
  }
}
