package dev.spillway.proxy.resilience;

import dev.spillway.config.TargetConfig;
import dev.spillway.proxy.resilience.breaker.BreakerState;
import dev.spillway.proxy.quality.DriftState;
import dev.spillway.proxy.quality.QualitySignal;
import dev.spillway.proxy.shared.SharedMarks;
import dev.spillway.proxy.shared.SharedMarks.Kind;
import java.time.Clock;
import java.time.Duration;

/**
 * What the engine tells, and learns from, the other replicas: its circuits opening and closing,
 * and drift alarms raised and cleared. Without shared state it knows nothing and says nothing.
 */
final class SharedMarksView implements QualitySignal {
  /**
   * A drift alarm another replica raised holds this long unless that replica clears it first, so
   * a replica that died with its alarm raised cannot demote a target for ever.
   */
  static final Duration DRIFT_HOLD = Duration.ofMinutes(5);

  private final SharedMarks marks;
  private final QualitySignal local;
  private final Clock clock;

  /** @param marks the shared marks, or null without shared state */
  SharedMarksView(SharedMarks marks, QualitySignal local, Clock clock) {
    this.marks = marks;
    this.local = local;
    this.clock = clock;
  }

  /** A breaker of this replica changed state: an open one is every replica's until its cool-down ends. */
  void circuit(String targetId, BreakerState state, long remainingOpenMs) {
    if (marks == null) {
      return;
    }
    if (state == BreakerState.OPEN) {
      marks.raise(Kind.CIRCUIT_OPEN, targetId, clock.millis() + remainingOpenMs);
    } else if (state == BreakerState.CLOSED) {
      marks.clear(Kind.CIRCUIT_OPEN, targetId);
    }
  }

  /** Milliseconds until a circuit some replica opened lets calls through again; 0 when none is open. */
  long openElsewhereMs(String targetId) {
    if (marks == null) {
      return 0;
    }
    long now = clock.millis();
    long until = marks.until(Kind.CIRCUIT_OPEN, targetId, now);
    return until == 0 ? 0 : until - now;
  }

  /** This replica's drift detector raised or cleared an alarm. */
  void drift(TargetConfig target, DriftState state) {
    if (marks == null) {
      return;
    }
    if (state.drifting()) {
      marks.raise(Kind.DRIFTING, target.id(), clock.millis() + DRIFT_HOLD.toMillis());
    } else {
      marks.clear(Kind.DRIFTING, target.id());
    }
  }

  @Override
  public double score(String targetId) {
    return local.score(targetId);
  }

  @Override
  public double driftSigma(String targetId) {
    return local.driftSigma(targetId);
  }

  /** Drifting here, or on any replica that raised the alarm. */
  @Override
  public boolean drifting(String targetId) {
    return local.drifting(targetId)
        || marks != null && marks.until(Kind.DRIFTING, targetId, clock.millis()) > 0;
  }
}
