package dev.spillway.proxy.telemetry.tracing;

import dev.spillway.proxy.telemetry.tracing.otlp.SpanWriter;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link SpanWriter} for the SDK's span processors (the gRPC export): each span written becomes a
 * {@link RecordedSpan}, handed to {@code processor} when sent, in the order written. One per set of
 * spans.
 */
final class SdkSpans implements SpanWriter {
  private final Resource resource;
  private final InstrumentationScopeInfo scope;
  private final SpanProcessor processor;
  private final List<RecordedSpan> written = new ArrayList<>(3);
  private RecordedSpan span;
  /** The attributes being written: the span's, or its last event's. */
  private SpanAttributes into;
  private String eventName;
  private long eventTime;

  SdkSpans(Resource resource, InstrumentationScopeInfo scope, SpanProcessor processor) {
    this.resource = resource;
    this.scope = scope;
    this.processor = processor;
  }

  @Override
  public SpanWriter span(String name, SpanKind kind, SpanContext parent, SpanContext context, long startEpochNanos,
      long endEpochNanos) {
    if (span != null) {
      throw new IllegalStateException("span '" + name + "' started before the one before it ended");
    }
    span = new RecordedSpan(resource, scope, name, kind, context, parent, startEpochNanos, endEpochNanos);
    into = span.attributes();
    return this;
  }

  @Override
  public SpanWriter string(AttributeKey<String> key, String value) {
    into.put(key, value);
    return this;
  }

  @Override
  public SpanWriter number(AttributeKey<Long> key, long value) {
    into.put(key, value);
    return this;
  }

  @Override
  public SpanWriter decimal(AttributeKey<Double> key, double value) {
    into.put(key, value);
    return this;
  }

  @Override
  public SpanWriter flag(AttributeKey<Boolean> key, boolean value) {
    into.put(key, value);
    return this;
  }

  @Override
  public SpanWriter strings(AttributeKey<List<String>> key, List<String> values) {
    into.put(key, values);
    return this;
  }

  @Override
  public SpanWriter event(String name, long epochNanos) {
    endEvent();
    eventName = name;
    eventTime = epochNanos;
    into = new SpanAttributes(4);
    return this;
  }

  @Override
  public SpanWriter end(StatusCode code, String description) {
    endEvent();
    if (code != StatusCode.UNSET) {
      span.status(StatusData.create(code, code == StatusCode.ERROR && description != null ? description : ""));
    }
    written.add(span);
    span = null;
    return this;
  }

  @Override
  public void send() {
    if (span != null) {
      throw new IllegalStateException("spans sent while one is still being written");
    }
    written.forEach(processor::onEnd);
    written.clear();
  }

  /** The event being written is complete: its attribute count is read when it is created. */
  private void endEvent() {
    if (eventName != null) {
      span.event(EventData.create(eventTime, eventName, into));
      eventName = null;
      into = span.attributes();
    }
  }
}
