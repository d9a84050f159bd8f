package dev.spillway.proxy.quality;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What the checks look at in a chat answer (its first choice): the text, why it ended, a refusal,
 * and the tool calls.
 *
 * @param finishReason null when the provider gave none (or a stream has not ended)
 * @param refusal the structured-outputs refusal message, or null
 */
public record ChatAnswer(String text, String finishReason, String refusal, List<ToolCall> toolCalls) {

  public record ToolCall(String name, String arguments) {}

  public ChatAnswer {
    toolCalls = List.copyOf(toolCalls);
  }

  /** Reads an OpenAI {@code chat.completion} body. */
  public static ChatAnswer of(JsonNode completion) {
    JsonNode choice = completion.path("choices").path(0);
    JsonNode message = choice.path("message");
    List<ToolCall> calls = new ArrayList<>();
    for (JsonNode call : message.path("tool_calls")) {
      JsonNode function = call.path("function");
      calls.add(new ToolCall(function.path("name").asText(""), function.path("arguments").asText("")));
    }
    return new ChatAnswer(
        message.path("content").asText(""), textOrNull(choice.get("finish_reason")),
        textOrNull(message.get("refusal")), calls);
  }

  static String textOrNull(JsonNode node) {
    return node != null && node.isTextual() ? node.asText() : null;
  }

  public boolean hasOutput() {
    return !text.isBlank() || !toolCalls.isEmpty() || (refusal != null && !refusal.isBlank());
  }
}
