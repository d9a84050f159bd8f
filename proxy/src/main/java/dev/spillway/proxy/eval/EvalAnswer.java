package dev.spillway.proxy.eval;

import dev.spillway.proxy.quality.ChatAnswer;
import java.util.List;

/**
 * What one side answered to one case.
 *
 * @param answer the first choice; empty when the call failed
 * @param failure why the call failed, or null
 */
public record EvalAnswer(ChatAnswer answer, long latencyMs, double costUsd, String failure) {
  private static final ChatAnswer NOTHING = new ChatAnswer("", null, null, List.of());

  static EvalAnswer failed(long latencyMs, String failure) {
    return new EvalAnswer(NOTHING, latencyMs, 0, failure);
  }

  public boolean ok() {
    return failure == null;
  }

  /** The same answer with another text: what a grader sees once a harness difference is repaired. */
  EvalAnswer withText(String text) {
    return new EvalAnswer(new ChatAnswer(text, answer.finishReason(), answer.refusal(), answer.toolCalls()),
        latencyMs, costUsd, failure);
  }
}
