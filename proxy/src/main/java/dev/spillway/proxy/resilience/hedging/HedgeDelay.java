package dev.spillway.proxy.resilience.hedging;

import dev.spillway.config.HedgeConfig;
import dev.spillway.config.TriggersConfig;
import dev.spillway.proxy.resilience.health.LatencyPercentiles;

/**
 * How long to wait for a target before hedging: the policy's fixed delay, or (auto) the target's own
 * typical p95 (time to first token for streams; kept while its traffic is too thin to refill the
 * latency window), never shorter than a floor that keeps a fast target from
 * being hedged on noise, and never longer than the policy's p95 trigger.
 */
public final class HedgeDelay {
  /**
   * Shortest auto delay: below this, scheduling and GC noise alone would fire hedges and spend the
   * hedge budget before an incident needs it.
   */
  static final long FLOOR_MS = 30;
  /** No hedging. */
  public static final long NONE = -1;

  private HedgeDelay() {}

  /** @param typical the target's typical latency ({@code TargetHealth.typical}: first token for streams) */
  public static long ms(HedgeConfig hedge, TriggersConfig triggers, LatencyPercentiles typical) {
    if (hedge == null || !hedge.enabled()) {
      return NONE;
    }
    if (hedge.afterMs() != null) {
      return hedge.afterMs();
    }
    Integer cap = triggers == null ? null : triggers.latencyP95Ms();
    if (!typical.known()) {
      return cap == null ? NONE : cap; // nothing learnt yet: hedge only what the policy calls slow
    }
    long own = Math.max(FLOOR_MS, (long) Math.ceil(typical.p95Ms()));
    return cap == null ? own : Math.min(own, cap);
  }
}
