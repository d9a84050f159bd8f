package dev.spillway.proxy.telemetry.tracing.otlp;

/**
 * A span context that holds its ids as numbers: {@link TraceRequestEncoder} writes them as the
 * OTLP id bytes directly, where any other context's ids are read back from their hex strings.
 */
public interface NumericIds {
  /** The trace id's first 8 bytes, big-endian (its first 16 hex digits). */
  long traceIdHigh();

  /** The trace id's last 8 bytes, big-endian. */
  long traceIdLow();

  /** The span id's 8 bytes, big-endian. */
  long spanIdValue();
}
