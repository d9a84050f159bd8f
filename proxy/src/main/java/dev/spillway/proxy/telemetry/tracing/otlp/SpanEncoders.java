package dev.spillway.proxy.telemetry.tracing.otlp;

/**
 * One single-span encoder per recording thread (the server's IO threads, a fixed few), so ending a
 * span allocates nothing but its message; an encoder keeps at most 16 KB between spans.
 */
final class SpanEncoders {
  static final ThreadLocal<TraceRequestEncoder> THREAD = ThreadLocal.withInitial(TraceRequestEncoder::forSpans);

  private SpanEncoders() {}
}
