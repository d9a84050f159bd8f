package dev.spillway.proxy.eval;

import dev.spillway.config.TargetConfig;

/**
 * Hears every eval and judge call, marked with its rollout and arm, so telemetry can record them
 * apart from user traffic.
 */
@FunctionalInterface
public interface EvalCallObserver {
  EvalCallObserver NONE = (rollout, arm, target, answer) -> {};

  void called(String rollout, Arm arm, TargetConfig target, EvalAnswer answer);
}
