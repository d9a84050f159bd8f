package dev.spillway.proxy.telemetry.tracing;

import dev.spillway.proxy.telemetry.tracing.otlp.TraceRoots;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the spans handed to the batch processor, and the traces (root spans) among them. Every
 * span built is kept: the keep-or-drop decision is taken per call before any span is built
 * ({@link Tracing#begin}, {@link UnsampledCall}), so there is nothing to hold or drop here.
 */
final class KeptSpans implements SpanProcessor {
  private final SpanProcessor next;
  private final LongAdder traces = new LongAdder();
  private final LongAdder spans = new LongAdder();

  KeptSpans(SpanProcessor next) {
    this.next = next;
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {}

  @Override
  public boolean isStartRequired() {
    return false;
  }

  @Override
  public void onEnd(ReadableSpan span) {
    if (TraceRoots.startsTraceHere(span)) {
      traces.increment();
    }
    spans.increment();
    next.onEnd(span);
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }

  long traces() {
    return traces.sum();
  }

  long spans() {
    return spans.sum();
  }

  @Override
  public CompletableResultCode shutdown() {
    return next.shutdown();
  }

  @Override
  public CompletableResultCode forceFlush() {
    return next.forceFlush();
  }
}
