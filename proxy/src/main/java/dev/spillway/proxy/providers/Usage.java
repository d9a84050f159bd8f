package dev.spillway.proxy.providers;

import com.fasterxml.jackson.databind.JsonNode;

/** Token counts of one call. */
public record Usage(long promptTokens, long completionTokens, long cachedPromptTokens) {
  public static final Usage NONE = new Usage(0, 0, 0);

  /** Reads an OpenAI {@code usage} object; missing fields count as zero. */
  public static Usage fromOpenAi(JsonNode usage) {
    if (usage == null || !usage.isObject()) {
      return NONE;
    }
    return new Usage(
        usage.path("prompt_tokens").asLong(0),
        usage.path("completion_tokens").asLong(0),
        usage.path("prompt_tokens_details").path("cached_tokens").asLong(0));
  }

  public long totalTokens() {
    return promptTokens + completionTokens;
  }
}
