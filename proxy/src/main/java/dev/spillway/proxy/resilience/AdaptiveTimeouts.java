package dev.spillway.proxy.resilience;

import dev.spillway.config.TimeoutConfig;
import dev.spillway.config.TriggersConfig;
import dev.spillway.proxy.resilience.health.LatencyPercentiles;

/**
 * Attempt timeouts that adapt to what the target normally does: a call running several times
 * longer than the target's own p99 is stuck, not slow, so it is cut and the call moves on — in about
 * the latency trigger's threshold for a target that is normally fast, instead of the configured
 * two minutes. The p99 is the target's typical one (its latest latency window with enough calls), so
 * a target with little traffic keeps its learnt deadline. Never longer than configured, never shorter
 * than a floor (the policy's latency trigger, else {@link #FLOOR_MS}), so a target that is slow by
 * nature keeps its room. Before the
 * target has a latency record, a policy with a latency trigger cuts at ten times the trigger. A stream's
 * first-token deadline adapts the same way to its time to first token; its overall deadline stays
 * as configured (a long answer is not a stuck one).
 */
final class AdaptiveTimeouts {
  /** How many times its own p99 a call may run before it counts as stuck. */
  static final int P99_MULTIPLE = 4;
  /**
   * Before the target has a latency record: a call this many times the latency trigger is stuck.
   * Generous, since nothing is known of the target yet (hedging races a slow call long before).
   */
  static final int COLD_MULTIPLE = 10;
  /** The floor when the policy has no latency trigger. */
  static final long FLOOR_MS = 2_000;

  private AdaptiveTimeouts() {}

  /** @param typical the target's typical latency ({@code TargetHealth.typical}: first token for streams) */
  static TimeoutConfig of(TimeoutConfig configured, TriggersConfig triggers, LatencyPercentiles typical,
      boolean stream) {
    Integer trigger = triggers == null ? null : triggers.latencyP95Ms();
    long adaptive;
    if (typical.known()) {
      long floor = trigger != null ? trigger : FLOOR_MS;
      adaptive = Math.max(floor, (long) Math.ceil(P99_MULTIPLE * typical.p99Ms()));
    } else if (trigger != null) {
      adaptive = (long) COLD_MULTIPLE * trigger; // nothing learnt yet: well past the policy's idea of slow
    } else {
      return configured; // nothing learnt, nothing said: hedging still races a slow first call
    }
    if (stream) {
      return new TimeoutConfig(configured.connectMs(), Math.min(configured.firstTokenMs(), adaptive),
          configured.requestMs());
    }
    return new TimeoutConfig(configured.connectMs(), configured.firstTokenMs(),
        Math.min(configured.requestMs(), adaptive));
  }
}
