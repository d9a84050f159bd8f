package dev.spillway.proxy.telemetry.tracing.otlp;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;

/**
 * A {@link SpanWriter} that writes each fact straight into the OTLP bytes of the spans (the
 * {@code spans} entries of a request's {@code ScopeSpans}) and queues them all in one step when
 * sent. Why: the spans of a traced call used to be built as objects (a span, its attribute arrays,
 * boxed numbers, event objects: ~3 KB a call), encoded when each ended and queued one by one under
 * the queue's lock; the bytes are the same (EncodedSpansTest holds them to the SDK's own encoding),
 * the objects and two of the three lock round trips are gone (docs/benchmarks.md, Tracing).
 *
 * <p>One per thread ({@link HttpSpanExport#spans}), reused: a thread writes one set of spans at a
 * time, from the first span to {@link #send}.
 */
final class EncodedSpans implements SpanWriter {
  private final TraceRequestEncoder encoder = TraceRequestEncoder.forSpans();
  private final AttributeWriter attributes = encoder.attributes();
  private final SpanQueue queue;
  private SpanContext context;
  private SpanContext parent;
  private int spanMark = -1;
  private int eventMark = -1;
  private int attributeField;
  private int spans;
  private int traces;

  EncodedSpans(SpanQueue queue) {
    this.queue = queue;
  }

  /** Starts a new set of spans (whatever an earlier writer left unsent, after a failure, is forgotten). */
  EncodedSpans begin() {
    encoder.clear();
    spanMark = -1;
    eventMark = -1;
    spans = 0;
    traces = 0;
    return this;
  }

  @Override
  public SpanWriter span(String name, SpanKind kind, SpanContext parent, SpanContext context, long startEpochNanos,
      long endEpochNanos) {
    if (spanMark >= 0) {
      throw new IllegalStateException("span '" + name + "' started before the one before it ended");
    }
    this.context = context;
    this.parent = parent;
    spanMark = encoder.beginSpan(context, parent, name, kind, startEpochNanos, endEpochNanos);
    attributeField = TraceRequestEncoder.attributesField(false);
    return this;
  }

  @Override
  public SpanWriter string(AttributeKey<String> key, String value) {
    if (value != null) {
      attributes.string(attributeField, key, value);
    }
    return this;
  }

  @Override
  public SpanWriter number(AttributeKey<Long> key, long value) {
    attributes.number(attributeField, key, value);
    return this;
  }

  @Override
  public SpanWriter decimal(AttributeKey<Double> key, double value) {
    attributes.decimal(attributeField, key, value);
    return this;
  }

  @Override
  public SpanWriter flag(AttributeKey<Boolean> key, boolean value) {
    attributes.flag(attributeField, key, value);
    return this;
  }

  @Override
  public SpanWriter strings(AttributeKey<List<String>> key, List<String> values) {
    if (values != null) {
      attributes.strings(attributeField, key, values);
    }
    return this;
  }

  @Override
  public SpanWriter event(String name, long epochNanos) {
    endEvent();
    eventMark = encoder.beginEvent(name, epochNanos);
    attributeField = TraceRequestEncoder.attributesField(true);
    return this;
  }

  @Override
  public SpanWriter end(StatusCode code, String description) {
    endEvent();
    encoder.endSpan(spanMark, context, parent, code, code == StatusCode.ERROR ? description : null);
    spanMark = -1;
    spans++;
    if (TraceRoots.startsTraceHere(parent)) {
      traces++;
    }
    return this;
  }

  /** One span the SDK recorded, encoded as {@link TraceRequestEncoder#spanField} does, to send alone. */
  EncodedSpans data(SpanData span) {
    if (spans > 0 || spanMark >= 0) {
      throw new IllegalStateException("a recorded span handed over while spans are being written on this thread");
    }
    encoder.spanField(span);
    spans = 1;
    traces = TraceRoots.startsTraceHere(span.getParentSpanContext()) ? 1 : 0;
    return this;
  }

  @Override
  public void send() {
    if (spanMark >= 0) {
      throw new IllegalStateException("spans sent while one is still being written");
    }
    if (spans > 0) {
      queue.add(encoder.written(), spans, traces);
    }
    begin();
  }

  private void endEvent() {
    if (eventMark >= 0) {
      encoder.endEvent(eventMark);
      eventMark = -1;
    }
  }
}
