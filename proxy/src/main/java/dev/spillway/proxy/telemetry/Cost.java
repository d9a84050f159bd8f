package dev.spillway.proxy.telemetry;

import dev.spillway.config.PricingConfig;
import dev.spillway.proxy.providers.Usage;

/** What a call cost in US dollars, from the target's per-million-token prices. */
public final class Cost {
  private Cost() {}

  public static double usd(PricingConfig pricing, Usage usage) {
    if (pricing == null) {
      return 0;
    }
    long cached = Math.min(usage.cachedPromptTokens(), usage.promptTokens());
    double micro =
        (usage.promptTokens() - cached) * pricing.inputPerMTok()
            + cached * pricing.cachedInputPerMTok()
            + usage.completionTokens() * pricing.outputPerMTok();
    return micro / 1_000_000d;
  }
}
