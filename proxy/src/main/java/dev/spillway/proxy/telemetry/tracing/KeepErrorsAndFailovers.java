package dev.spillway.proxy.telemetry.tracing;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Tail sampling within one call. A head sampler decides before anything has happened, so it cannot
 * promise to keep every error and failover. Instead every span is recorded (the tracer samples
 * everything), the ended spans of a call are held here until its root (the server span) ends, and
 * only then is the call's trace kept or dropped as a whole: kept when the caller's traceparent says
 * sampled, when the trace id falls within the ratio (the SDK's own trace-id-ratio rule, so
 * decisions agree across services), when any span is an error, or when the call failed over.
 * Kept spans go to {@code next} (the batch processor).
 *
 * <p>Spillway's traces are two levels deep (every span is a child of the server span) and every
 * child ends before its root, which is what makes the hold-until-root buffer sufficient.
 */
final class KeepErrorsAndFailovers implements SpanProcessor {
  private final SpanProcessor next;
  private final Sampler ratio;
  /**
   * Sampling ratio 1 (the default): every trace is kept whatever happens, so there is nothing to
   * decide at the root and nothing to hold; each span goes on as it ends.
   */
  private final boolean keepAll;
  private final ConcurrentHashMap<String, List<ReadableSpan>> waiting = new ConcurrentHashMap<>();
  private final LongAdder keptTraces = new LongAdder();
  private final LongAdder sampledOutTraces = new LongAdder();
  private final LongAdder keptSpans = new LongAdder();

  KeepErrorsAndFailovers(SpanProcessor next, double samplingRatio) {
    this.next = next;
    this.ratio = Sampler.traceIdRatioBased(samplingRatio);
    this.keepAll = samplingRatio >= 1;
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {}

  @Override
  public boolean isStartRequired() {
    return false;
  }

  @Override
  public void onEnd(ReadableSpan span) {
    SpanContext parent = span.getParentSpanContext();
    boolean child = parent.isValid() && !parent.isRemote();
    if (keepAll) {
      if (!child) {
        keptTraces.increment();
      }
      keptSpans.increment();
      next.onEnd(span);
      return;
    }
    if (child) {
      List<ReadableSpan> siblings = waiting.computeIfAbsent(parent.getSpanId(), id -> new ArrayList<>(4));
      synchronized (siblings) {
        siblings.add(span);
      }
      return;
    }
    List<ReadableSpan> children = waiting.remove(span.getSpanContext().getSpanId());
    List<ReadableSpan> trace = new ArrayList<>(children == null ? 1 : children.size() + 1);
    if (children != null) {
      synchronized (children) {
        trace.addAll(children);
      }
    }
    trace.add(span);
    if (keep(span, trace)) {
      keptTraces.increment();
      keptSpans.add(trace.size());
      trace.forEach(next::onEnd);
    } else {
      sampledOutTraces.increment();
    }
  }

  private boolean keep(ReadableSpan root, List<ReadableSpan> trace) {
    SpanContext parent = root.getParentSpanContext();
    if (parent.isValid() && parent.isSampled()) {
      return true;
    }
    if (Boolean.TRUE.equals(root.getAttribute(SpanKeys.FAILOVER)) || inRatio(root)) {
      return true;
    }
    // Last, as it copies each span: an error anywhere keeps the trace.
    for (ReadableSpan span : trace) {
      if (span.toSpanData().getStatus().getStatusCode() == StatusCode.ERROR) {
        return true;
      }
    }
    return false;
  }

  private boolean inRatio(ReadableSpan root) {
    return ratio
            .shouldSample(Context.root(), root.getSpanContext().getTraceId(), root.getName(), SpanKind.SERVER,
                Attributes.empty(), List.of())
            .getDecision()
        == SamplingDecision.RECORD_AND_SAMPLE;
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }

  long keptTraces() {
    return keptTraces.sum();
  }

  long sampledOutTraces() {
    return sampledOutTraces.sum();
  }

  /** Spans handed to the batch processor. */
  long keptSpans() {
    return keptSpans.sum();
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
