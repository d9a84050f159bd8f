package dev.spillway.proxy.telemetry.tracing;

import dev.spillway.proxy.routing.Plan;
import dev.spillway.proxy.routing.RequestFacts;
import dev.spillway.proxy.telemetry.AttemptRecord;
import dev.spillway.proxy.telemetry.CallSummary;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A call the sampler left out: nothing of the OpenTelemetry SDK runs while it does, only what it
 * reports is noted with the time (a few small objects a call). When it ends, a failover or a
 * failure (a failed attempt, a 5xx) still gets its trace: the notes are played into
 * {@link CallSpans} at their recorded times, under the ids its traceparent already gave the
 * caller. Any other call is counted as sampled out and forgotten.
 */
final class UnsampledCall implements CallTrace {
  /** What the call reported, at {@code at} ({@link System#nanoTime}). */
  private record Step(long at, Consumer<CallTrace> apply) {}

  private final Tracing tracing;
  private final Context parent;
  private final String method;
  private final String path;
  private final LocalSpanContext server;
  /** Anchored when the call started; the steps are noted as {@link System#nanoTime} readings on it. */
  private final CallClock clock = CallClock.anchored();
  private final long startedAt = System.nanoTime();
  private final List<Step> steps = new ArrayList<>(6);

  /**
   * @param server the ids the server span will have if it is ever built: the caller's trace, or a
   *     new one the call was sampled out under
   */
  UnsampledCall(Tracing tracing, Context parent, String method, String path, LocalSpanContext server) {
    this.tracing = tracing;
    this.parent = parent;
    this.method = method;
    this.path = path;
    this.server = server;
  }

  @Override
  public String traceId() {
    return server.getTraceId();
  }

  @Override
  public String traceparent() {
    return Tracing.traceparent(server.getTraceId(), server.getSpanId(), false);
  }

  @Override
  public void authenticated(String consumer, String keyId, Map<String, String> attributes) {
    note(trace -> trace.authenticated(consumer, keyId, attributes));
  }

  @Override
  public void routed(RequestFacts facts, Plan plan, String configVersion, String requestContent) {
    note(trace -> trace.routed(facts, plan, configVersion, requestContent));
  }

  @Override
  public void hedge(String slowTarget, long afterMs, boolean launched) {
    note(trace -> trace.hedge(slowTarget, afterMs, launched));
  }

  @Override
  public void skipped(String target, String reason) {
    note(trace -> trace.skipped(target, reason));
  }

  @Override
  public void attemptStarted(AttemptRecord record) {
    note(trace -> trace.attemptStarted(record));
  }

  @Override
  public void attemptEnded(AttemptRecord record) {
    note(trace -> trace.attemptEnded(record));
  }

  @Override
  public void finish(CallSummary call) {
    if (!keptAnyway(call)) {
      tracing.sampledOut();
      return;
    }
    CallClock.Replay replay = clock.replay();
    replay.at(startedAt);
    CallTrace spans = tracing.spans(parent, method, path, server, replay);
    for (Step step : steps) {
      replay.at(step.at);
      step.apply.accept(spans);
    }
    replay.at(System.nanoTime());
    spans.finish(call);
  }

  /** Errors and failovers are traced whatever the sampler said. */
  static boolean keptAnyway(CallSummary call) {
    if (call.failedOver() || call.status() >= 500) {
      return true;
    }
    for (AttemptRecord attempt : call.attempts()) {
      if (attempt.outcome() == AttemptRecord.Outcome.FAILURE) {
        return true;
      }
    }
    return false;
  }

  private void note(Consumer<CallTrace> apply) {
    steps.add(new Step(System.nanoTime(), apply));
  }
}
