package dev.spillway.proxy.telemetry.tracing;

import dev.spillway.proxy.telemetry.TelemetryOptions;
import dev.spillway.proxy.telemetry.tracing.otlp.EncodedSpan;
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
  private final boolean encodeAtEnd;

  SpanPipeline(Resource resource, InstrumentationScopeInfo scope, SpanProcessor processor) {
    this(resource, scope, processor, false);
  }

  /**
   * @param encodeAtEnd whether each span is encoded as OTLP when it ends, on the thread that ended it
   *     ({@link EncodedSpan}): when the exporter is the proxy's own OTLP/HTTP one, which copies that
   *     encoding into its requests; the SDK's gRPC exporter would not read it
   */
  SpanPipeline(Resource resource, InstrumentationScopeInfo scope, SpanProcessor processor, boolean encodeAtEnd) {
    this.resource = resource;
    this.scope = scope;
    this.processor = processor;
    this.encodeAtEnd = encodeAtEnd;
  }

  /** Whether spans are encoded as they end: with the OTLP/HTTP exporter, which reads that encoding. */
  static boolean encodesAtEnd(TelemetryOptions options) {
    return !options.otlpProtocol().equals(TelemetryOptions.GRPC);
  }

  boolean encodesAtEnd() {
    return encodeAtEnd;
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
