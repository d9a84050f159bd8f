package dev.spillway.proxy.resilience.budget;

import dev.spillway.config.PricingConfig;
import dev.spillway.proxy.providers.Usage;

/** Dollars from token counts and a target's prices (per million tokens). */
public final class Spend {
  private static final double MILLION = 1_000_000.0;

  private Spend() {}

  public static double of(Usage usage, PricingConfig pricing) {
    if (pricing == null) {
      return 0;
    }
    long cached = Math.min(usage.cachedPromptTokens(), usage.promptTokens());
    long written = Math.min(usage.cacheWriteTokens(), usage.promptTokens() - cached);
    return ((usage.promptTokens() - cached - written) * pricing.inputPerMTok()
            + cached * pricing.cachedInputPerMTok()
            + written * pricing.cacheWriteInputPerMTok()
            + usage.completionTokens() * pricing.outputPerMTok())
        / MILLION
        + usage.videoSeconds() * pricing.videoPerSecond();
  }

  /**
   * A cautious estimate before the call: every estimated token (prompt plus the completion budget
   * asked for) at the dearer of the input and output prices.
   */
  public static double estimate(long estimatedTokens, PricingConfig pricing) {
    if (pricing == null) {
      return 0;
    }
    return estimatedTokens * Math.max(pricing.inputPerMTok(), pricing.outputPerMTok()) / MILLION;
  }

  /** One comparable price for ranking by cost: input plus output per million tokens. */
  public static double blendedPrice(PricingConfig pricing) {
    return pricing == null ? 0 : pricing.inputPerMTok() + pricing.outputPerMTok();
  }
}
