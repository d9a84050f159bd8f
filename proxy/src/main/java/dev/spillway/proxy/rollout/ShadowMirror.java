package dev.spillway.proxy.rollout;

import dev.spillway.proxy.quality.CheckFailure;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.config.QualityConfig;
import dev.spillway.proxy.eval.Arm;
import dev.spillway.proxy.eval.EvalAnswer;
import dev.spillway.proxy.eval.TargetCaller;
import dev.spillway.proxy.quality.ChatChecks;
import dev.spillway.proxy.quality.RequestExpectations;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Sends a copy of a served call to a shadowed candidate and judges the answer with the policy's
 * quality checks. The answer goes nowhere else: the client already has the incumbent's, and this
 * class has no way to reach an exchange.
 */
public final class ShadowMirror {
  private final TargetCaller caller;
  private final ChatChecks checks;

  public ShadowMirror(TargetCaller caller, ChatChecks checks) {
    this.caller = caller;
    this.checks = checks;
  }

  /** Mirrors the client's body; {@code outcome} hears the candidate's answer and its check failure, if any. */
  void mirror(RolloutState state, ObjectNode clientBody, QualityConfig quality, Consumer<Outcome> outcome) {
    ObjectNode request = clientBody.deepCopy();
    request.put("model", state.active().rollout().candidate().model());
    // A plain call: the statistics need the whole answer, and nobody reads a stream of it.
    request.remove("stream");
    request.remove("stream_options");
    caller.call(state.active().rollout().name(), Arm.CANDIDATE, state.active().rollout().candidate(), request)
        .thenAccept(answer -> outcome.accept(new Outcome(answer, answer.ok()
            ? checks.failure(answer.answer(), RequestExpectations.of(request), quality.checks()).map(CheckFailure::reason)
            : Optional.empty())));
  }

  record Outcome(EvalAnswer answer, Optional<String> checkFailure) {}
}
