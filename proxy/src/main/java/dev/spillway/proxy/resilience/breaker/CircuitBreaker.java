package dev.spillway.proxy.resilience.breaker;

import dev.spillway.config.CircuitBreakerConfig;
import dev.spillway.proxy.resilience.health.WindowedCounters;
import java.util.List;
import java.util.function.Consumer;

/**
 * The circuit breaker of one target. Closed → open when the failure rate over the window reaches
 * the threshold (with at least {@code minimumCalls}) or after {@code consecutiveFailures} in a row →
 * half-open after a cool-down → at most {@code halfOpenProbes} probe calls → a staged recovery ramp
 * (e.g. 1 → 5 → 25 → 100 % of the calls that would choose it) → closed. Any failure while probing
 * or ramping re-opens it with a cool-down twice as long as the last one (capped), so a flapping
 * provider never gets full traffic back at once.
 *
 * <p>An own state machine rather than resilience4j: resilience4j's half-open state goes straight
 * back to closed (no staged ramp of the traffic share) and its wait in open state is fixed per
 * breaker, not growing with repeated trips; both are the point of this one. Time comes from the
 * caller (milliseconds of an injectable clock), so tests drive it deterministically.
 *
 * <p>Transitions are rare and short: they hold this object's lock. The closed fast path reads one
 * volatile field.
 */
public final class CircuitBreaker {
  /** Longest cool-down, as a multiple of the configured one. */
  static final int MAX_COOL_DOWN_FACTOR = 4;

  private final WindowedCounters sinceClosed;
  private volatile BreakerState state = BreakerState.CLOSED;
  /** Told of every change of state, under this object's lock: must be quick (the transition log). */
  private final Consumer<BreakerState> onTransition;
  private long openUntilMs;
  private long lastCoolDownMs;
  private long closedSinceMs;
  private int consecutiveFailures;
  private int probesIssued;
  private long probeRoundStartMs;
  private int probeSuccesses;
  private int stage;
  private int stageSuccesses;
  private long rampSeen;
  private long rampAdmitted;

  public CircuitBreaker(long intervalMs, int intervals) {
    this(intervalMs, intervals, state -> { });
  }

  public CircuitBreaker(long intervalMs, int intervals, Consumer<BreakerState> onTransition) {
    this.sinceClosed = new WindowedCounters(intervalMs, intervals);
    this.onTransition = onTransition;
  }

  private void moveTo(BreakerState next) {
    if (state != next) {
      state = next;
      onTransition.accept(next);
    }
  }

  public BreakerState state() {
    return state;
  }

  /**
   * May a call go to this target now? Probes and ramp shares are handed out here, so call it only
   * for a call about to be made (or, for {@link Admission#DEFER}, about to be ordered).
   */
  public Admission admit(CircuitBreakerConfig config, long nowMs) {
    if (state == BreakerState.CLOSED) {
      return Admission.ADMIT;
    }
    synchronized (this) {
      switch (state) {
        case OPEN:
          if (nowMs < openUntilMs) {
            return Admission.refused(openUntilMs - nowMs);
          }
          moveTo(BreakerState.HALF_OPEN);
          probesIssued = 0;
          probeSuccesses = 0;
          probeRoundStartMs = nowMs;
          // fall through: this call may be the first probe
        case HALF_OPEN:
          // A probe handed out but never reported (its request ended elsewhere or was abandoned)
          // must not hold the breaker half-open for ever: after a cool-down, a new round starts.
          if (nowMs - probeRoundStartMs >= Math.max(1, config.openForMs())) {
            probesIssued = 0;
            probeRoundStartMs = nowMs;
          }
          if (probesIssued < Math.max(1, config.halfOpenProbes())) {
            probesIssued++;
            return Admission.PROBE;
          }
          return Admission.refused(0);
        case RECOVERING:
          int percent = rampPercent(config);
          rampSeen++;
          // Deterministic share: admit whenever the admitted count falls behind percent of those seen.
          if (rampAdmitted * 100 < rampSeen * percent) {
            rampAdmitted++;
            return Admission.ADMIT;
          }
          return Admission.DEFER;
        default:
          return Admission.ADMIT;
      }
    }
  }

  public void onSuccess(CircuitBreakerConfig config, long nowMs) {
    if (state == BreakerState.CLOSED) {
      // Written only when it changes: a store on every success dirtied the line `state`
      // shares, which every call's admission reads, on both IO threads. Benign race: a lost reset
      // only delays nothing but a trip.
      if (consecutiveFailures != 0) {
        consecutiveFailures = 0;
      }
      sinceClosed.record(nowMs, false, false);
      return;
    }
    synchronized (this) {
      if (state == BreakerState.HALF_OPEN && ++probeSuccesses >= Math.max(1, config.halfOpenProbes())) {
        moveTo(BreakerState.RECOVERING);
        stage = 0;
        stageSuccesses = 0;
        rampSeen = 0;
        rampAdmitted = 0;
        advanceIfFull(config, nowMs);
      } else if (state == BreakerState.RECOVERING
          && ++stageSuccesses >= Math.max(1, config.halfOpenProbes())) {
        stage++;
        stageSuccesses = 0;
        rampSeen = 0;
        rampAdmitted = 0;
        advanceIfFull(config, nowMs);
      }
    }
  }

  /**
   * @param retryAfterMs the provider's Retry-After in ms, or 0: an opened breaker waits at least that
   */
  public synchronized void onFailure(CircuitBreakerConfig config, long nowMs, long retryAfterMs) {
    if (state == BreakerState.CLOSED) {
      sinceClosed.record(nowMs, true, false);
      consecutiveFailures++;
      WindowedCounters.Totals totals = sinceClosed.totals(nowMs, config.windowMs());
      boolean rateTrip =
          totals.calls() >= Math.max(1, config.minimumCalls())
              && totals.failureRate() >= config.failureRateThreshold();
      boolean streakTrip = config.consecutiveFailures() > 0 && consecutiveFailures >= config.consecutiveFailures();
      if (rateTrip || streakTrip) {
        // A breaker that stayed closed a good while starts over with the base cool-down.
        if (nowMs - closedSinceMs >= Math.max(config.windowMs(), config.openForMs() * MAX_COOL_DOWN_FACTOR)) {
          lastCoolDownMs = 0;
        }
        open(config, nowMs, retryAfterMs);
      }
    } else if (state == BreakerState.HALF_OPEN || state == BreakerState.RECOVERING) {
      open(config, nowMs, retryAfterMs);
    }
  }

  /**
   * When the breaker last closed after recovering (0 if it never tripped): failures before it are
   * the incident it recovered from, not the target's health now.
   */
  public synchronized long closedSinceMs() {
    return closedSinceMs;
  }

  /** Milliseconds until an open breaker lets a probe through; 0 when not open. */
  public synchronized long remainingOpenMs(long nowMs) {
    return state == BreakerState.OPEN ? Math.max(0, openUntilMs - nowMs) : 0;
  }

  /** Traffic share in percent the breaker allows now (100 closed, 0 open). */
  public synchronized int sharePercent(CircuitBreakerConfig config) {
    return switch (state) {
      case CLOSED -> 100;
      case OPEN, HALF_OPEN -> 0;
      case RECOVERING -> rampPercent(config);
    };
  }

  private void open(CircuitBreakerConfig config, long nowMs, long retryAfterMs) {
    long base = Math.max(1, config.openForMs());
    long coolDown = lastCoolDownMs == 0 ? base : Math.min(lastCoolDownMs * 2, base * MAX_COOL_DOWN_FACTOR);
    lastCoolDownMs = coolDown;
    openUntilMs = nowMs + Math.max(coolDown, retryAfterMs);
    moveTo(BreakerState.OPEN);
    consecutiveFailures = 0;
  }

  private void advanceIfFull(CircuitBreakerConfig config, long nowMs) {
    if (rampPercent(config) >= 100) {
      moveTo(BreakerState.CLOSED);
      closedSinceMs = nowMs;
      consecutiveFailures = 0;
      sinceClosed.reset();
    }
  }

  private int rampPercent(CircuitBreakerConfig config) {
    List<Integer> ramp = config.recoveryRamp();
    if (ramp == null || ramp.isEmpty() || stage >= ramp.size()) {
      return 100;
    }
    return ramp.get(stage);
  }
}
