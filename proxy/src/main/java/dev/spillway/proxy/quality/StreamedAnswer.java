package dev.spillway.proxy.quality;

import dev.spillway.proxy.providers.ChunkFacts;
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

  void add(ChunkFacts chunk) {
    for (ChunkFacts.Choice choice : chunk.choices()) {
      if (choice.index() != 0) {
        continue;
      }
      append(text, choice.content());
      append(refusal, choice.refusal());
      if (choice.toolCalls() != null) {
        choice.toolCalls().forEach(this::add);
      }
      if (choice.finishReason() != null) {
        finishReason = choice.finishReason();
      }
    }
  }

  private void add(ChunkFacts.ToolCallPiece call) {
    int index = call.index() >= 0 ? call.index() : toolNames.size();
    while (toolNames.size() <= index) {
      toolNames.add("");
      toolArguments.add(new StringBuilder());
    }
    if (call.name() != null) {
      toolNames.set(index, call.name());
    }
    toolArguments.get(index).append(call.arguments());
  }

  private static void append(StringBuilder to, String piece) {
    if (piece != null) {
      to.append(piece);
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
