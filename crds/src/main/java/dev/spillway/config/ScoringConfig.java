package dev.spillway.config;

/** Weights of the candidate score and the margin a challenger needs to take over. */
public record ScoringConfig(
    double health, double latency, double quality, double cost, double headroom, double switchMargin) {
  public static final ScoringConfig DEFAULTS = new ScoringConfig(1, 1, 1, 0.5, 0.5, 0.1);
}
