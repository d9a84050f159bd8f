package dev.spillway.proxy.telemetry.tracing.otlp;

import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * A span that carries its own OTLP {@code Span} message, encoded when it ended by the thread that
 * recorded it ({@link #encode}). Why: the batch thread exports a span hundreds of milliseconds
 * after it ended, when its attributes and strings are no longer in any core's cache; read there,
 * encoding a span cost about three times what it costs on the recording thread a moment after it
 * ended (docs/benchmarks.md, Tracing). {@link TraceRequestEncoder} copies the carried message into
 * the request instead of encoding the span again.
 */
public interface EncodedSpan {
  /** This span's OTLP {@code Span} message, or null if it was not encoded when it ended. */
  byte[] otlpSpan();

  /** The OTLP {@code Span} message of {@code span}, ended, encoded on the calling thread. */
  static byte[] encode(SpanData span) {
    return SpanEncoders.THREAD.get().encodeSpan(span);
  }
}
