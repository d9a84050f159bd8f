package dev.spillway.proxy.providers;

import java.util.List;

/**
 * What the proxy reads from one {@code chat.completion.chunk}: enough for routing (the first
 * token), spend (usage), the streaming answer checks (the first choice's text, refusal and tool
 * calls), telemetry (id, model, finish reasons, text) and the adapter's own checks (an error
 * event, a content-filter stop). Read from the chunk's bytes in one pass ({@link ChunkReader}).
 *
 * @param id the top-level {@code id} when it is a string, else null
 * @param model the top-level {@code model} when it is a string, else null
 * @param hasError the chunk has a top-level {@code error} member (an error event)
 * @param hasUsage the chunk has a {@code usage} member, whatever its value ({@code null} included)
 * @param usage the {@code usage} member when it is an object, else null
 * @param choices the {@code choices}, in their order
 */
public record ChunkFacts(
    String id, String model, boolean hasError, boolean hasUsage, Usage usage, List<Choice> choices) {

  /**
   * One element of {@code choices}.
   *
   * @param index its {@code index} (0 when absent)
   * @param content {@code delta.content} when a string, else null
   * @param refusal {@code delta.refusal} when a string, else null
   * @param toolCalls {@code delta.tool_calls}, null when absent (empty when an empty array)
   * @param finishReason {@code finish_reason} when a string, else null
   */
  public record Choice(int index, String content, String refusal, List<ToolCallPiece> toolCalls, String finishReason) {
    /** Whether this choice carries a piece of the answer: text, a refusal or a tool call. */
    boolean carriesOutput() {
      return nonEmpty(content) || nonEmpty(refusal) || toolCalls != null && !toolCalls.isEmpty();
    }
  }

  /**
   * One element of {@code delta.tool_calls}.
   *
   * @param index its {@code index}, -1 when absent
   * @param name {@code function.name} when a string, else null
   * @param arguments {@code function.arguments} as text ("" when absent)
   */
  public record ToolCallPiece(int index, String name, String arguments) {}

  /**
   * Whether the chunk carries real output (content, a refusal or tool calls) rather than preamble
   * (the role, an empty content string, usage): the first such chunk is the moment a stream is
   * committed to a target.
   */
  public boolean carriesOutput() {
    for (Choice choice : choices) {
      if (choice.carriesOutput()) {
        return true;
      }
    }
    return false;
  }

  /** The first element of {@code choices}, or null when there is none. */
  public Choice firstChoice() {
    return choices.isEmpty() ? null : choices.get(0);
  }

  private static boolean nonEmpty(String text) {
    return text != null && !text.isEmpty();
  }
}
