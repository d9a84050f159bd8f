package dev.spillway.proxy.providers.features;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * The reasoning dial in its three spellings: OpenAI's {@code reasoning_effort}, Anthropic's
 * {@code thinking.budget_tokens} and Gemini's {@code thinkingBudget}. A request may carry either
 * of the first two; each adapter asks for the spelling its provider speaks.
 *
 * <p>The effort ↔ budget steps are LiteLLM's (low 1024, medium 2048, high 4096 tokens), so a call
 * translated by either gateway asks the provider for the same thing.
 */
public final class Reasoning {
  static final int LOW = 1024;
  static final int MEDIUM = 2048;
  static final int HIGH = 4096;
  /** Gemini's "think only a little"; OpenAI's {@code minimal}. */
  static final int MINIMAL = 128;

  private Reasoning() {}

  /** Whether the request asks for reasoning in either spelling (switching it off is no ask). */
  public static boolean requested(JsonNode request) {
    return budget(request) > 0;
  }

  /**
   * The thinking budget in tokens: {@code thinking.budget_tokens} when thinking is enabled, else
   * the budget for {@code reasoning_effort}; 0 when reasoning is switched off, -1 when the request
   * does not say.
   */
  public static int budget(JsonNode request) {
    JsonNode thinking = request.path("thinking");
    if (thinking.isObject()) {
      if (!"enabled".equals(thinking.path("type").asText())) {
        return 0;
      }
      return thinking.path("budget_tokens").isNumber() ? thinking.path("budget_tokens").asInt() : MEDIUM;
    }
    if (!request.path("reasoning_effort").isTextual()) {
      return -1;
    }
    return switch (request.path("reasoning_effort").asText().toLowerCase(Locale.ROOT)) {
      case "none", "disable" -> 0;
      case "minimal" -> MINIMAL;
      case "low" -> LOW;
      case "high" -> HIGH;
      default -> MEDIUM;
    };
  }

  /**
   * OpenAI's {@code reasoning_effort}: the request's own, else the step nearest the thinking
   * budget; null when the request does not ask for reasoning or switches it off.
   */
  public static String effort(JsonNode request) {
    if (request.path("reasoning_effort").isTextual()) {
      return request.path("reasoning_effort").asText();
    }
    int budget = budget(request);
    if (budget <= 0) {
      return null;
    }
    if (budget <= LOW) {
      return "low";
    }
    return budget <= MEDIUM ? "medium" : "high";
  }
}
