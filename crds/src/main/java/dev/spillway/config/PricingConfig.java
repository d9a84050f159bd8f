package dev.spillway.config;

/** US dollars per million tokens. */
public record PricingConfig(double inputPerMTok, double outputPerMTok, double cachedInputPerMTok) {
  public static final PricingConfig FREE = new PricingConfig(0, 0, 0);
}
