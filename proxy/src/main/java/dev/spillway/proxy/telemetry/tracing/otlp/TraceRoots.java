package dev.spillway.proxy.telemetry.tracing.otlp;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.ReadableSpan;

/**
 * Which spans count as a trace for {@code spillway.trace.traces}: the first span of a trace in this
 * proxy — no parent, or a parent from the caller ({@code traceparent}). One rule for both exports, so
 * the count means the same over OTLP/HTTP ({@link HttpSpanExport}) and gRPC ({@code KeptSpans}).
 */
public final class TraceRoots {
  private TraceRoots() {}

  public static boolean startsTraceHere(ReadableSpan span) {
    SpanContext parent = span.getParentSpanContext();
    return !parent.isValid() || parent.isRemote();
  }
}
