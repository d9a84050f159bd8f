package dev.spillway.proxy.telemetry.tracing;

import dev.spillway.proxy.telemetry.TelemetryOptions;
import dev.spillway.proxy.telemetry.tracing.otlp.EncodedSpan;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Where the proxy's spans start and end: their contexts ({@link LocalSpanContext}), the resource and scope
 * every span reports, and the processor (kept-span counting, then the SDK's batch processor and
 * OTLP exporter) each span is handed to when it ends. Every span built is sampled: the decision is
 * taken per call before anything is built ({@link Tracing#begin}).
 */
final class SpanPipeline {
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

  /** A span starting at this time, under {@code parent} (invalid: a root span), with {@code context} as its own. */
  RecordedSpan start(String name, SpanKind kind, SpanContext parent, LocalSpanContext context, long startEpochNanos) {
    return new RecordedSpan(this, name, kind, context, parent, startEpochNanos);
  }

  /** A span of the same trace under {@code parent}, starting at this time. */
  RecordedSpan startChild(String name, SpanKind kind, RecordedSpan parent, long startEpochNanos) {
    return start(name, kind, parent.getSpanContext(), parent.getSpanContext().child(), startEpochNanos);
  }

  /** The root span of a new trace, starting at this time. */
  RecordedSpan startRoot(String name, SpanKind kind, long startEpochNanos) {
    return start(name, kind, SpanContext.getInvalid(), LocalSpanContext.root(), startEpochNanos);
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
