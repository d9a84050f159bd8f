package dev.spillway.proxy.rollout;

import dev.spillway.config.rollout.ActiveRollout;
import dev.spillway.config.rollout.RolloutConfig.GuardsConfig;
import java.time.Instant;
import java.util.Optional;

/**
 * One rollout revision on this replica: the stage in force, both arms' statistics, the shadow
 * spend, and — once a guard is breached — the rollback, which lasts as long as the revision.
 */
final class RolloutState {
  /** Mirrored calls in flight at once per rollout: shadowing must never pile up behind a slow candidate. */
  static final int MAX_SHADOWS_IN_FLIGHT = 16;

  private volatile ActiveRollout active;
  private final ArmStats incumbent = new ArmStats();
  private final ArmStats candidate = new ArmStats();
  private volatile RollBack rollBack;
  private double shadowSpendUsd;
  private int shadowsInFlight;
  private long shadowsSkipped;

  /** Why and when the candidate was rolled back. */
  record RollBack(String reason, Instant at) {}

  RolloutState(ActiveRollout active) {
    this.active = active;
  }

  ActiveRollout active() {
    return active;
  }

  /** A new step (or shadow share) of the same revision: the statistics and any rollback carry on. */
  void update(ActiveRollout next) {
    this.active = next;
  }

  String candidateId() {
    return active.rollout().candidate().id();
  }

  String incumbentId() {
    return active.rollout().incumbent();
  }

  ArmStats arm(boolean candidateArm) {
    return candidateArm ? candidate : incumbent;
  }

  Optional<RollBack> rolledBack() {
    return Optional.ofNullable(rollBack);
  }

  GuardsConfig guards() {
    return active.rollout().canary() != null ? active.rollout().canary().guards() : GuardsConfig.DEFAULT;
  }

  /** Rolls back once; true for the call that did it. */
  synchronized boolean rollBack(String reason, Instant at) {
    if (rollBack != null) {
      return false;
    }
    rollBack = new RollBack(reason, at);
    return true;
  }

  /** Takes a shadow slot when under the in-flight bound and the spend cap; false (counted) otherwise. */
  synchronized boolean tryStartShadow() {
    Double cap = active.rollout().shadow() == null ? null : active.rollout().shadow().maxSpendUsd();
    if (rollBack != null || shadowsInFlight >= MAX_SHADOWS_IN_FLIGHT || (cap != null && shadowSpendUsd >= cap)) {
      shadowsSkipped++;
      return false;
    }
    shadowsInFlight++;
    return true;
  }

  synchronized void shadowDone(double costUsd) {
    shadowsInFlight--;
    shadowSpendUsd += costUsd;
  }

  synchronized double shadowSpendUsd() {
    return shadowSpendUsd;
  }

  synchronized long shadowsSkipped() {
    return shadowsSkipped;
  }
}
