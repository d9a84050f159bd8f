package dev.spillway.config;

/**
 * US dollars per million tokens.
 *
 * @param cacheWriteInputPerMTok prompt tokens written to the provider's cache (Anthropic charges
 *     more for them than for plain input); null in a config from before it existed, read as the
 *     input price, which is what such a config charged
 * @param videoPerSecond US dollars per second of generated video (video targets are priced by
 *     length, not tokens)
 */
public record PricingConfig(double inputPerMTok, double outputPerMTok, double cachedInputPerMTok,
    Double cacheWriteInputPerMTok, double videoPerSecond) {
  public static final PricingConfig FREE = new PricingConfig(0, 0, 0);

  public PricingConfig {
    cacheWriteInputPerMTok = cacheWriteInputPerMTok == null ? inputPerMTok : cacheWriteInputPerMTok;
  }

  /** Cache writes at the input price, video free. */
  public PricingConfig(double inputPerMTok, double outputPerMTok, double cachedInputPerMTok) {
    this(inputPerMTok, outputPerMTok, cachedInputPerMTok, null, 0);
  }
}
