package dev.spillway.proxy.rollout;

/**
 * One rollout revision as this replica sees it: what {@code GET /v1/spillway/rollouts} answers and
 * the operator reads to report a rollback (any replica's is enough).
 *
 * @param rolledBackReason null while the candidate is in
 * @param rolledBackAt when, in ISO-8601; null while the candidate is in
 */
public record RolloutReport(
    String name,
    String revision,
    String phase,
    double percent,
    String candidate,
    String incumbent,
    Arm incumbentArm,
    Arm candidateArm,
    double shadowSpendUsd,
    long shadowsSkipped,
    String rolledBackReason,
    String rolledBackAt) {

  /** One arm's figures. */
  public record Arm(long calls, long errors, long checkFailures, long p95Ms) {
    static Arm of(ArmStats stats) {
      ArmStats.Snapshot s = stats.snapshot();
      return new Arm(s.calls(), s.errors(), s.checkFailures(), s.p95Ms());
    }
  }

  static RolloutReport of(RolloutState state) {
    var rollBack = state.rolledBack();
    return new RolloutReport(state.active().rollout().name(), state.active().revision(),
        state.active().phase().wireName(), state.active().percent(), state.candidateId(), state.incumbentId(),
        Arm.of(state.arm(false)), Arm.of(state.arm(true)), state.shadowSpendUsd(), state.shadowsSkipped(),
        rollBack.map(RolloutState.RollBack::reason).orElse(null), rollBack.map(back -> back.at().toString()).orElse(null));
  }
}
