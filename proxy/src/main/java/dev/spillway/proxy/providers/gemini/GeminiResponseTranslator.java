package dev.spillway.proxy.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.features.AssistantAnswer;
import dev.spillway.proxy.providers.features.ContentPolicy;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a Gemini {@code GenerateContentResponse} into an OpenAI {@code chat.completion}; also owns
 * what the stream translator shares: blocked answers, finish reasons, parts and usage.
 */
final class GeminiResponseTranslator {
  /**
   * Finish reasons that mean Gemini withheld the answer under its policies (LiteLLM maps the same
   * set to {@code content_filter}).
   */
  private static final Set<String> BLOCKED =
      Set.of("SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY");

  private final ObjectMapper mapper;
  private final Clock clock;

  GeminiResponseTranslator(ObjectMapper mapper, Clock clock) {
    this.mapper = mapper;
    this.clock = clock;
  }

  /** @throws ProviderFailure a content-policy failure for a blocked prompt or answer */
  ObjectNode toCompletion(JsonNode response, String model) {
    JsonNode candidate = firstCandidate(response);
    AssistantAnswer answer = answer(candidate);
    ObjectNode header = header(response, model, "chat.completion");
    return answer.completion(header.path("id").asText(), header.path("model").asText(),
        header.path("created").asLong(), finishReason(candidate.path("finishReason").asText(null), answer.hasToolCalls()),
        usage(response.path("usageMetadata")));
  }

  /**
   * The answer's candidate.
   *
   * @throws ProviderFailure content policy when the prompt was blocked or the answer withheld
   */
  JsonNode firstCandidate(JsonNode response) {
    String blockReason = response.path("promptFeedback").path("blockReason").asText(null);
    if (blockReason != null) {
      throw ContentPolicy.refused(400, "gemini blocked the prompt: " + blockReason);
    }
    JsonNode candidate = response.path("candidates").path(0);
    String finish = candidate.path("finishReason").asText("");
    if (BLOCKED.contains(finish)) {
      throw ContentPolicy.refused(400, "gemini withheld the answer: finishReason " + finish);
    }
    if (!candidate.isObject()) {
      throw ProviderFailure.protocol("gemini answered 200 without a candidate");
    }
    return candidate;
  }

  /**
   * The text, thoughts and function calls of one candidate (or one streamed piece of it). Gemini
   * signs its thinking with a {@code thoughtSignature} on a later part; it goes on the thoughts.
   */
  AssistantAnswer answer(JsonNode candidate) {
    AssistantAnswer answer = new AssistantAnswer(mapper);
    StringBuilder thoughts = new StringBuilder();
    String signature = null;
    for (JsonNode part : candidate.path("content").path("parts")) {
      if (part.path("thoughtSignature").isTextual()) {
        signature = part.get("thoughtSignature").asText();
      }
      if (part.has("functionCall")) {
        JsonNode call = part.get("functionCall");
        answer.toolCall(call.path("id").asText(newCallId()), call.path("name").asText(),
            call.path("args").isObject() ? call.get("args").toString() : "{}");
      } else if (part.path("thought").asBoolean(false)) {
        thoughts.append(part.path("text").asText(""));
      } else if (part.path("text").isTextual()) {
        answer.text(part.get("text").asText());
      }
    }
    if (!thoughts.isEmpty() || signature != null) {
      // A signature comes without thoughts when they are not asked for: kept all the same (with
      // no text), since the next turn must carry it back.
      answer.thinking(thoughts.toString(), signature);
    }
    return answer;
  }

  /** Gemini has no call ids before Gemini 3; OpenAI clients need one to answer the call. */
  static String newCallId() {
    return "call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
  }

  static String finishReason(String finishReason, boolean toolCalls) {
    if (toolCalls) {
      return "tool_calls";
    }
    if (finishReason == null) {
      return null;
    }
    return "MAX_TOKENS".equals(finishReason) ? "length" : "stop";
  }

  /**
   * Gemini's usage as OpenAI's: thinking tokens are billed as output, so they count as completion
   * tokens; the implicitly or explicitly cached share is broken out of the prompt.
   */
  ObjectNode usage(JsonNode metadata) {
    long prompt = metadata.path("promptTokenCount").asLong(0);
    long completion =
        metadata.path("candidatesTokenCount").asLong(0) + metadata.path("thoughtsTokenCount").asLong(0);
    ObjectNode usage = mapper.createObjectNode()
        .put("prompt_tokens", prompt)
        .put("completion_tokens", completion)
        .put("total_tokens", prompt + completion);
    usage.putObject("prompt_tokens_details").put("cached_tokens", metadata.path("cachedContentTokenCount").asLong(0));
    if (metadata.has("thoughtsTokenCount")) {
      usage.putObject("completion_tokens_details").put("reasoning_tokens", metadata.get("thoughtsTokenCount").asLong());
    }
    return usage;
  }

  ObjectNode header(JsonNode response, String model, String object) {
    return mapper.createObjectNode()
        .put("id", "chatcmpl-" + response.path("responseId").asText(UUID.randomUUID().toString()))
        .put("object", object)
        .put("created", clock.instant().getEpochSecond())
        .put("model", response.path("modelVersion").asText(model));
  }
}
