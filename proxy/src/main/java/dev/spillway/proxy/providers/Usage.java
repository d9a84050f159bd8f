package dev.spillway.proxy.providers;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Token counts of one call. Prompt tokens include the cached ones (read from the provider's cache)
 * and the ones written to it, as OpenAI and LiteLLM count them.
 *
 * @param cacheWriteTokens prompt tokens written to the provider's prompt cache (Anthropic's
 *     {@code cache_creation_input_tokens}), priced apart
 * @param videoSeconds seconds of video generated (video jobs), priced per second
 */
public record Usage(
    long promptTokens, long completionTokens, long cachedPromptTokens, long cacheWriteTokens, long videoSeconds) {
  public static final Usage NONE = new Usage(0, 0, 0);

  /** A call that wrote nothing to a prompt cache. */
  public Usage(long promptTokens, long completionTokens, long cachedPromptTokens) {
    this(promptTokens, completionTokens, cachedPromptTokens, 0);
  }

  /** A token call. */
  public Usage(long promptTokens, long completionTokens, long cachedPromptTokens, long cacheWriteTokens) {
    this(promptTokens, completionTokens, cachedPromptTokens, cacheWriteTokens, 0);
  }

  /** A served video clip: no tokens, billed by its length. */
  public static Usage video(long seconds) {
    return new Usage(0, 0, 0, 0, seconds);
  }

  /** Reads an OpenAI {@code usage} object; missing fields count as zero. */
  public static Usage fromOpenAi(JsonNode usage) {
    if (usage == null || !usage.isObject()) {
      return NONE;
    }
    return new Usage(
        usage.path("prompt_tokens").asLong(0),
        usage.path("completion_tokens").asLong(0),
        usage.path("prompt_tokens_details").path("cached_tokens").asLong(0),
        usage.path("cache_creation_input_tokens").asLong(0));
  }

  public long totalTokens() {
    return promptTokens + completionTokens;
  }
}
