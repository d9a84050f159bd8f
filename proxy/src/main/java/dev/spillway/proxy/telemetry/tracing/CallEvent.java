package dev.spillway.proxy.telemetry.tracing;

import static dev.spillway.proxy.telemetry.tracing.SpanKeys.CANDIDATE;
import static dev.spillway.proxy.telemetry.tracing.SpanKeys.HEDGE_AFTER_MS;
import static dev.spillway.proxy.telemetry.tracing.SpanKeys.HEDGE_LAUNCHED;
import static dev.spillway.proxy.telemetry.tracing.SpanKeys.SKIP_REASON;
import static dev.spillway.proxy.telemetry.tracing.SpanKeys.TARGET;

import dev.spillway.proxy.telemetry.tracing.otlp.SpanWriter;

/**
 * Something a call reported while it ran that becomes an event of one of its spans, noted with its
 * time (epoch nanoseconds) until the call's spans are written when it ends.
 */
sealed interface CallEvent {
  String SKIPPED = "candidate skipped";

  /** Writes the event on the span being written. */
  void write(SpanWriter out);

  /** A candidate left out of the call, and why. */
  record Skipped(long at, String target, String reason) implements CallEvent {
    @Override
    public void write(SpanWriter out) {
      out.event(SKIPPED, at).string(CANDIDATE, target).string(SKIP_REASON, reason);
    }
  }

  /** A hedge decision: a second attempt launched (or not) after the first was slow for {@code afterMs}. */
  record Hedge(long at, String slowTarget, long afterMs, boolean launched) implements CallEvent {
    @Override
    public void write(SpanWriter out) {
      out.event("hedge", at).string(TARGET, slowTarget).number(HEDGE_AFTER_MS, afterMs).flag(HEDGE_LAUNCHED, launched);
    }
  }
}
