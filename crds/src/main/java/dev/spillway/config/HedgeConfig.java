package dev.spillway.config;

/**
 * Hedging: when the chosen target has not answered (a stream: produced its first token) after a
 * delay, the next candidate is called alongside it and the first good answer wins.
 *
 * @param afterMs fixed delay, or null to derive it from the target's p95 (auto)
 * @param maxPercent most hedged calls as a percentage of all calls; 0 turns hedging off
 */
public record HedgeConfig(Long afterMs, int maxPercent) {
  /**
   * What a policy without a {@code hedge} block gets: hedging on, with the delay derived from each
   * target's own latency, so a hanging or slow primary is raced by its backup without any tuning.
   */
  public static final HedgeConfig DEFAULTS = new HedgeConfig(null, 10);

  public boolean enabled() {
    return maxPercent > 0;
  }
}
