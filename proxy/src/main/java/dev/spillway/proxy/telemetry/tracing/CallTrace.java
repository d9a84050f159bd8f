package dev.spillway.proxy.telemetry.tracing;

import dev.spillway.proxy.routing.Plan;
import dev.spillway.proxy.routing.RequestFacts;
import dev.spillway.proxy.telemetry.AttemptRecord;
import dev.spillway.proxy.telemetry.CallSummary;
import java.util.Map;

/**
 * The trace of one call as the call reports it: {@link CallSpans} for a sampled call (spans built
 * as it goes), {@link UnsampledCall} for the rest (nothing built unless it ends in an error or a
 * failover). Called under the request's lock, so never concurrently.
 */
public interface CallTrace {
  String traceId();

  /** The W3C traceparent naming this call's server span, its sampled flag as decided. */
  String traceparent();

  void authenticated(String consumer, String keyId, Map<String, String> attributes);

  void routed(RequestFacts facts, Plan plan, String configVersion, String requestContent);

  void hedge(String slowTarget, long afterMs, boolean launched);

  void skipped(String target, String reason);

  void attemptStarted(AttemptRecord record);

  void attemptEnded(AttemptRecord record);

  void finish(CallSummary call);
}
