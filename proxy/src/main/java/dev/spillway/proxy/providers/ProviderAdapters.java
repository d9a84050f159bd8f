package dev.spillway.proxy.providers;

import dev.spillway.config.AccountConfig;
import dev.spillway.proxy.providers.anthropic.AnthropicAdapter;
import dev.spillway.proxy.providers.openai.OpenAiAdapter;
import dev.spillway.proxy.providers.simulated.SimulatedAdapter;

/** Picks the adapter for an account's wire protocol. */
public final class ProviderAdapters {
  private ProviderAdapters() {}

  public static ProviderAdapter create(AccountConfig account, ProviderContext context) {
    return switch (account.provider()) {
      // Gemini is served through its OpenAI-compatible endpoint; the compiler sets its base URL.
      case OPENAI, OPENAI_COMPATIBLE, GEMINI -> new OpenAiAdapter(account, context);
      case ANTHROPIC -> new AnthropicAdapter(account, context);
      case SIMULATED -> new SimulatedAdapter(account, context);
    };
  }
}
