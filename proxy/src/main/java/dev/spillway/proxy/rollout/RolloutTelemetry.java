package dev.spillway.proxy.rollout;

import dev.spillway.config.TargetConfig;
import dev.spillway.proxy.eval.Arm;
import dev.spillway.proxy.eval.EvalAnswer;
import dev.spillway.proxy.eval.EvalCallObserver;
import dev.spillway.proxy.telemetry.Telemetry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Rollout traffic in metrics and traces, marked {@code spillway.rollout} and
 * {@code spillway.rollout.arm} and kept apart from user traffic: eval, judge and mirrored calls
 * never pass the request handlers, so they are counted and traced (a root span each) only here;
 * canary calls are user traffic, traced by the request path with the same marks, and counted here
 * by arm as well.
 */
public final class RolloutTelemetry implements EvalCallObserver {
  static final String CALLS = "spillway.rollout.calls";
  static final String ROLLBACKS = "spillway.rollout.rollbacks";

  /** How a rollout call came about. */
  enum Kind {
    EVAL, SHADOW, CANARY
  }

  private final MeterRegistry registry;
  private final Telemetry telemetry;

  public RolloutTelemetry(Telemetry telemetry) {
    this.registry = telemetry.registry();
    this.telemetry = telemetry;
  }

  /** An eval or judge call, from the admin endpoint's runs. */
  @Override
  public void called(String rollout, Arm arm, TargetConfig target, EvalAnswer answer) {
    count(rollout, arm, Kind.EVAL, answer.ok() ? "ok" : "error");
    telemetry.rolloutCall(rollout, arm.wireName(), "eval", target.id(), answer.latencyMs(), answer.failure());
  }

  void canaryCall(String rollout, boolean candidateArm) {
    count(rollout, candidateArm ? Arm.CANDIDATE : Arm.INCUMBENT, Kind.CANARY, "routed");
  }

  void shadowCall(String rollout, String candidate, ShadowMirror.Outcome outcome) {
    count(rollout, Arm.CANDIDATE, Kind.SHADOW, !outcome.answer().ok() ? "error"
        : outcome.checkFailure().isPresent() ? "check_failed" : "ok");
    telemetry.rolloutCall(rollout, Arm.CANDIDATE.wireName(), "shadow", candidate, outcome.answer().latencyMs(),
        outcome.answer().ok() ? outcome.checkFailure().orElse(null) : outcome.answer().failure());
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
