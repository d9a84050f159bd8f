package dev.spillway.proxy.telemetry.tracing;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Where the proxy's spans start and end: their contexts ({@link LocalSpanContext}), the resource and scope
 * every span reports, and the export each span is handed to when it ends ({@link SpanExport}). Every span built is sampled: the decision is
 * taken per call before anything is built ({@link Tracing#begin}).
 */
final class SpanPipeline {
  private final Resource resource;
  private final InstrumentationScopeInfo scope;
  private final SpanProcessor processor;

  SpanPipeline(Resource resource, InstrumentationScopeInfo scope, SpanProcessor processor) {
    this.resource = resource;
    this.scope = scope;
    this.processor = processor;
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
