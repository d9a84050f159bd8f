package dev.spillway.proxy.telemetry.tracing;

import dev.spillway.proxy.telemetry.tracing.otlp.SpanWriter;
import java.util.function.Supplier;

/**
 * Where the proxy's spans go: a {@link SpanWriter} for each set of ended spans (a call's, a rollout
 * call's), the export's ({@link SpanExport}). Every span written is sampled: the decision is taken
 * per call before anything is written ({@link Tracing#begin}).
 */
final class SpanPipeline {
  private final Supplier<SpanWriter> writers;

  SpanPipeline(Supplier<SpanWriter> writers) {
    this.writers = writers;
  }

  /** A writer for the next set of spans, sent together. */
  SpanWriter spans() {
    return writers.get();
  }
}
