package dev.spillway.proxy.telemetry.tracing;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Where the proxy's spans start and end: ids (the SDK's random generator), the resource and scope
 * every span reports, and the processor (kept-span counting, then the SDK's batch processor and
 * OTLP exporter) each span is handed to when it ends. Every span built is sampled: the decision is
 * taken per call before anything is built ({@link Tracing#begin}).
 */
final class SpanPipeline {
  private static final IdGenerator IDS = IdGenerator.random();
  private final Resource resource;
  private final InstrumentationScopeInfo scope;
  private final SpanProcessor processor;

  SpanPipeline(Resource resource, InstrumentationScopeInfo scope, SpanProcessor processor) {
    this.resource = resource;
    this.scope = scope;
    this.processor = processor;
  }

  static String newTraceId() {
    return IDS.generateTraceId();
  }

  static String newSpanId() {
    return IDS.generateSpanId();
  }

  /**
   * A span starting at this time under {@code parent} (invalid: a root span).
   *
   * @param traceId its trace's id: null for the parent's, or a new one for a root
   * @param spanId its id, or null for a new one
   */
  RecordedSpan start(String name, SpanKind kind, SpanContext parent, String traceId, String spanId,
      long startEpochNanos) {
    String trace = traceId != null ? traceId : parent.isValid() ? parent.getTraceId() : newTraceId();
    TraceState state = parent.isValid() ? parent.getTraceState() : TraceState.getDefault();
    SpanContext context = SpanContext.create(
        trace, spanId != null ? spanId : newSpanId(), TraceFlags.getSampled(), state);
    return new RecordedSpan(this, name, kind, context, parent, startEpochNanos);
  }

  void ended(RecordedSpan span) {
    processor.onEnd(span);
  }

  long now() {
    return Clock.getDefault().now();
  }

  Resource resource() {
    return resource;
  }

  InstrumentationScopeInfo scope() {
    return scope;
  }
}
