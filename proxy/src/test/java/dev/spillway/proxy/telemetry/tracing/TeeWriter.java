package dev.spillway.proxy.telemetry.tracing;

import dev.spillway.proxy.telemetry.tracing.otlp.SpanWriter;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.util.List;

/** Writes the same spans (same ids, same times) through two writers, to compare what each makes of them. */
record TeeWriter(SpanWriter first, SpanWriter second) implements SpanWriter {
  @Override
  public SpanWriter span(String name, SpanKind kind, SpanContext parent, SpanContext context, long start, long end) {
    first.span(name, kind, parent, context, start, end);
    second.span(name, kind, parent, context, start, end);
    return this;
  }

  @Override
  public SpanWriter string(AttributeKey<String> key, String value) {
    first.string(key, value);
    second.string(key, value);
    return this;
  }

  @Override
  public SpanWriter number(AttributeKey<Long> key, long value) {
    first.number(key, value);
    second.number(key, value);
    return this;
  }

  @Override
  public SpanWriter decimal(AttributeKey<Double> key, double value) {
    first.decimal(key, value);
    second.decimal(key, value);
    return this;
  }

  @Override
  public SpanWriter flag(AttributeKey<Boolean> key, boolean value) {
    first.flag(key, value);
    second.flag(key, value);
    return this;
  }

  @Override
  public SpanWriter strings(AttributeKey<List<String>> key, List<String> values) {
    first.strings(key, values);
    second.strings(key, values);
    return this;
  }

  @Override
  public SpanWriter event(String name, long epochNanos) {
    first.event(name, epochNanos);
    second.event(name, epochNanos);
    return this;
  }

  @Override
  public SpanWriter end(StatusCode code, String description) {
    first.end(code, description);
    second.end(code, description);
    return this;
  }

  @Override
  public void send() {
    first.send();
    second.send();
  }
}
