package dev.spillway.proxy.telemetry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.failover.Attempt;
import dev.spillway.proxy.failover.AttemptLog;
import dev.spillway.proxy.failover.FailureClass;
import dev.spillway.proxy.providers.ChunkFacts;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.routing.Candidate;
import dev.spillway.proxy.routing.Plan;
import dev.spillway.proxy.routing.RequestFacts;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.util.Map;

/**
 * What the request path tells observers (traces, metrics, access log, or anyone else) about one
 * call, in the order it happens. The only hook telemetry has into the shared request path: the
 * handler calls {@link #routed}, the candidate cursor the rest. Calls may come from any thread, one
 * at a time per attempt; implementations must be cheap and must not block.
 */
public interface CallObserver {
  /** The exchange attachment carrying the request's observer (absent: {@link #NOOP}). */
  AttachmentKey<CallObserver> KEY = AttachmentKey.create(CallObserver.class);

  CallObserver NOOP = new CallObserver() {};

  static CallObserver of(HttpServerExchange exchange) {
    CallObserver observer = exchange.getAttachment(KEY);
    return observer != null ? observer : NOOP;
  }

  /**
   * The call was authenticated as a consumer (before its body is read).
   *
   * @param keyId which of the consumer's keys ({@code secret/key}), never the key
   * @param attributes the consumer's attribution labels
   */
  default void authenticated(String consumer, String keyId, Map<String, String> attributes) {}

  /**
   * The policy is matched and the candidates planned.
   *
   * @param request the client's body, for content capture when opted in
   * @param log the request's attempt log: the fallback reason and attempt count at the end
   */
  default void routed(ObjectNode request, RequestFacts facts, Plan plan, AttemptLog log, String configVersion) {}

  /** A candidate was passed over while walking the plan (circuit open, rate limited, depth…). */
  default void skipped(Candidate candidate, String reason) {}

  /** An upstream call is about to be made. */
  default void attemptStarted(Attempt attempt) {}

  /** A plain completion body, or one stream chunk, came back from the attempt's upstream. */
  default void received(Attempt attempt, ObjectNode bodyOrChunk) {}

  /** One stream chunk came back: what the stream read from its bytes (no tree is built for it). */
  default void received(Attempt attempt, ChunkFacts chunk) {}

  /** A stream's first content token arrived (the stream is now committed to this attempt). */
  default void firstToken(Attempt attempt) {}

  default void attemptSucceeded(Attempt attempt) {}

  default void attemptFailed(Attempt attempt, ProviderFailure failure, FailureClass failureClass) {}

  /**
   * An attempt stopped without an outcome of its own: overtaken by its hedge ({@code lostHedge}),
   * a hedge no longer needed, or the client left.
   */
  default void attemptAbandoned(Attempt attempt, boolean lostHedge) {}

  /**
   * A hedge decision: {@code slow} had not answered after {@code afterMs}; a second attempt was
   * launched, or not because the hedge budget was spent.
   */
  default void hedge(Attempt slow, long afterMs, boolean launched) {}
}
