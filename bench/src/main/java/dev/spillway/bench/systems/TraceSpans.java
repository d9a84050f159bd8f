package dev.spillway.bench.systems;

import java.io.IOException;

/**
 * What became of the spans a traced Spillway kept, from its metrics: a span the batch queue dropped
 * (or whose export failed) cost less than one delivered, so a traced run that dropped spans would
 * look cheaper than tracing is.
 *
 * @param kept spans handed to the exporter ({@code spillway_trace_spans_kept_total})
 * @param lost dropped by the full queue plus those whose export failed
 * @param exported spans the OTLP endpoint accepted
 */
public record TraceSpans(long kept, long lost, long exported) {
  static final String KEPT = "spillway_trace_spans_kept_total";
  static final String EXPORTED = "spillway_trace_spans_exported_total";
  static final String DROPPED = "spillway_trace_spans_dropped_total";
  static final String FAILED = "spillway_trace_spans_export_failed_total";

  public static TraceSpans of(int adminPort) throws IOException, InterruptedException {
    return parse(AdminEndpoint.get(adminPort, "/metrics"));
  }

  static TraceSpans parse(String exposition) {
    return new TraceSpans((long) PrometheusSum.of(exposition, KEPT),
        (long) (PrometheusSum.of(exposition, DROPPED) + PrometheusSum.of(exposition, FAILED)),
        (long) PrometheusSum.of(exposition, EXPORTED));
  }

  /** Spans kept but neither exported nor lost yet: still queued or on their way to the endpoint. */
  public long pending() {
    return kept - exported - lost;
  }

  /** Every span kept has been exported or lost. */
  public boolean settled() {
    return pending() <= 0;
  }
}
