package dev.spillway.proxy.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.config.TargetConfig;
import java.util.concurrent.CompletableFuture;

/**
 * Calls one target directly, with no failover: an eval measures that target, not the chain. The
 * request is already addressed (its {@code model} is the target's). Completes with the answer, or
 * with a failed {@link EvalAnswer} (never exceptionally).
 */
@FunctionalInterface
public interface TargetCaller {
  CompletableFuture<EvalAnswer> call(String rollout, Arm arm, TargetConfig target, ObjectNode request);
}
