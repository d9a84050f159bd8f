package dev.spillway.proxy.rollout;

import dev.spillway.config.TargetConfig;
import dev.spillway.proxy.eval.Arm;
import dev.spillway.proxy.eval.EvalAnswer;
import dev.spillway.proxy.eval.EvalCallObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Rollout traffic in metrics, tagged {@code spillway.rollout} and {@code spillway.rollout.arm} and
 * kept apart from the user-traffic meters: eval and judge calls and mirrored calls never pass the
 * request handlers, so they are only counted here; canary calls are user traffic and are counted
 * both there and here, by arm.
 */
public final class RolloutMetrics implements EvalCallObserver {
  static final String CALLS = "spillway.rollout.calls";
  static final String ROLLBACKS = "spillway.rollout.rollbacks";

  /** How a rollout call came about. */
  enum Kind {
    EVAL, SHADOW, CANARY
  }

  private final MeterRegistry registry;

  public RolloutMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** An eval or judge call, from the admin endpoint's runs. */
  @Override
  public void called(String rollout, Arm arm, TargetConfig target, EvalAnswer answer) {
    count(rollout, arm, Kind.EVAL, answer.ok() ? "ok" : "error");
  }

  void canaryCall(String rollout, boolean candidateArm) {
    count(rollout, candidateArm ? Arm.CANDIDATE : Arm.INCUMBENT, Kind.CANARY, "routed");
  }

  void shadowCall(String rollout, ShadowMirror.Outcome outcome) {
    count(rollout, Arm.CANDIDATE, Kind.SHADOW, !outcome.answer().ok() ? "error"
        : outcome.checkFailure().isPresent() ? "check_failed" : "ok");
  }

  void rolledBack(String rollout) {
    Counter.builder(ROLLBACKS).description("Candidates rolled back by this replica's guards")
        .tag("spillway.rollout", rollout).register(registry).increment();
  }

  private void count(String rollout, Arm arm, Kind kind, String outcome) {
    Counter.builder(CALLS).description("Calls made for rollouts: evals, mirrored shadow calls, canary routing")
        .tag("spillway.rollout", rollout)
        .tag("spillway.rollout.arm", arm.wireName())
        .tag("kind", kind.name().toLowerCase(java.util.Locale.ROOT))
        .tag("outcome", outcome)
        .register(registry).increment();
  }
}
