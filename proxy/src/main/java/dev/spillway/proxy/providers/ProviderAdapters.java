package dev.spillway.proxy.providers;

import dev.spillway.config.AccountConfig;
import dev.spillway.proxy.providers.anthropic.AnthropicAdapter;
import dev.spillway.proxy.providers.bedrock.BedrockAdapter;
import dev.spillway.proxy.providers.gemini.GeminiAdapter;
import dev.spillway.proxy.providers.openai.OpenAiAdapter;
import dev.spillway.proxy.providers.simulated.SimulatedAdapter;
import dev.spillway.proxy.providers.vertex.VertexAdapter;

/** Picks the adapter for an account's wire protocol. */
public final class ProviderAdapters {
  private ProviderAdapters() {}

  public static ProviderAdapter create(AccountConfig account, ProviderContext context) {
    return switch (account.provider()) {
      case OPENAI, OPENAI_COMPATIBLE -> new OpenAiAdapter(account, context);
      case GEMINI -> new GeminiAdapter(account, context);
      case BEDROCK -> new BedrockAdapter(account, context);
      case VERTEX -> new VertexAdapter(account, context);
      case ANTHROPIC -> new AnthropicAdapter(account, context);
      case SIMULATED -> new SimulatedAdapter(account, context);
    };
  }
}
