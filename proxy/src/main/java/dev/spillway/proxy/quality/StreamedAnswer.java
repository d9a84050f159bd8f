package dev.spillway.proxy.quality;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link ChatAnswer} from {@code chat.completion.chunk}s as they arrive (first choice
 * only): content and refusal pieces are appended, tool-call pieces joined by index. Not
 * thread-safe; one stream's chunks never arrive concurrently.
 */
final class StreamedAnswer {
  private final StringBuilder text = new StringBuilder();
  private final StringBuilder refusal = new StringBuilder();
  private final List<String> toolNames = new ArrayList<>();
  private final List<StringBuilder> toolArguments = new ArrayList<>();
  private String finishReason;

  void add(JsonNode chunk) {
    for (JsonNode choice : chunk.path("choices")) {
      if (choice.path("index").asInt(0) != 0) {
        continue;
      }
      JsonNode delta = choice.path("delta");
      text.append(delta.path("content").asText(""));
      refusal.append(delta.path("refusal").asText(""));
      for (JsonNode call : delta.path("tool_calls")) {
        int index = call.path("index").asInt(toolNames.size());
        while (toolNames.size() <= index) {
          toolNames.add("");
          toolArguments.add(new StringBuilder());
        }
        JsonNode function = call.path("function");
        if (function.path("name").isTextual()) {
          toolNames.set(index, function.path("name").asText());
        }
        toolArguments.get(index).append(function.path("arguments").asText(""));
      }
      String finish = ChatAnswer.textOrNull(choice.get("finish_reason"));
      if (finish != null) {
        finishReason = finish;
      }
    }
  }

  ChatAnswer answer() {
    List<ChatAnswer.ToolCall> calls = new ArrayList<>();
    for (int i = 0; i < toolNames.size(); i++) {
      calls.add(new ChatAnswer.ToolCall(toolNames.get(i), toolArguments.get(i).toString()));
    }
    return new ChatAnswer(text.toString(), finishReason, refusal.length() == 0 ? null : refusal.toString(), calls);
  }
}
