package dev.spillway.proxy.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.features.Reasoning;
import java.util.Locale;

/**
 * The reasoning dial for each Bedrock model family that has one. Converse has no field of its own:
 * each family takes its provider's parameter through {@code additionalModelRequestFields}, and the
 * reasoning comes back in Converse's {@code reasoningContent} blocks whatever the family.
 */
final class BedrockReasoning {
  /** Claude's floor for a thinking budget. */
  private static final int MIN_THINKING_BUDGET = 1024;

  private BedrockReasoning() {}

  /** Adds the request's reasoning to a Converse body, or refuses a model that cannot reason. */
  static void apply(ObjectNode body, String modelId, JsonNode request) {
    int budget = Reasoning.budget(request);
    if (budget <= 0) {
      return;
    }
    String model = modelId.toLowerCase(Locale.ROOT);
    if (model.contains("anthropic.")) {
      fields(body).putObject("thinking").put("type", "enabled")
          .put("budget_tokens", Math.max(MIN_THINKING_BUDGET, budget));
    } else if (model.contains("openai.")) {
      // gpt-oss: OpenAI's own dial.
      fields(body).put("reasoning_effort", effort(request));
    } else if (model.contains("amazon.nova-2")) {
      fields(body).putObject("reasoningConfig").put("type", "enabled").put("maxReasoningEffort", effort(request));
    } else if (!model.contains("deepseek.r1")) {
      // DeepSeek-R1 always reasons and takes no dial. Any other model cannot: another target may,
      // so this is shaped like a missing endpoint and the call moves on.
      throw ProviderFailure.unsupported("reasoning on Bedrock model " + modelId);
    }
  }

  /** low, medium or high: the steps these families accept (OpenAI's minimal is low here). */
  private static String effort(JsonNode request) {
    String effort = Reasoning.effort(request);
    return effort == null || effort.equals("minimal") ? "low" : effort;
  }

  private static ObjectNode fields(ObjectNode body) {
    return body.has("additionalModelRequestFields")
        ? (ObjectNode) body.get("additionalModelRequestFields")
        : body.putObject("additionalModelRequestFields");
  }
}
