package dev.spillway.proxy.telemetry.tracing.otlp;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.util.List;

/**
 * Spans written out once they have ended, one whole span after the other: its identity and times,
 * its attributes, its events (each followed by its own attributes), its status — the order of an
 * OTLP {@code Span} message's fields. So the OTLP/HTTP export writes each fact straight into the
 * bytes it will send, with no span object in between ({@link HttpSpanExport#spans}), while the gRPC
 * export builds the SDK's span data from the same calls. {@link #send} hands the spans written so
 * far to the export in one step. Not thread-safe: one writer is used by one thread, start to send.
 */
public interface SpanWriter {
  /** Starts the next span (the one before it ended). */
  SpanWriter span(String name, SpanKind kind, SpanContext parent, SpanContext context, long startEpochNanos,
      long endEpochNanos);

  /** A string attribute of the span, or of its last event; a null value is left out (as the SDK does). */
  SpanWriter string(AttributeKey<String> key, String value);

  SpanWriter number(AttributeKey<Long> key, long value);

  SpanWriter decimal(AttributeKey<Double> key, double value);

  SpanWriter flag(AttributeKey<Boolean> key, boolean value);

  /** A string-array attribute; a null list is left out. */
  SpanWriter strings(AttributeKey<List<String>> key, List<String> values);

  /** An event of the span at this time: the attributes written after it are the event's. */
  SpanWriter event(String name, long epochNanos);

  /** Ends the span being written with this status (its description read only for an error). */
  SpanWriter end(StatusCode code, String description);

  /** Ends the span being written, its status unset. */
  default SpanWriter end() {
    return end(StatusCode.UNSET, null);
  }

  /**
   * Hands every span written since the last send to the export at once: all queued, or all dropped
   * and counted when the queue has no room for them.
   */
  void send();
}
