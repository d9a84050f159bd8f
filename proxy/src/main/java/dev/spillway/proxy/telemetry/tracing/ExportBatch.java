package dev.spillway.proxy.telemetry.tracing;

import dev.spillway.proxy.telemetry.TelemetryOptions;
import dev.spillway.proxy.telemetry.tracing.otlp.HttpSpanExport;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;

/**
 * How ended spans are grouped into OTLP export requests (the proxy's {@link HttpSpanExport} over
 * HTTP, the SDK's batch processor over gRPC): at most {@code maxSpans} a request, the spans queued
 * so far sent at least every {@code delay}, and at most {@code queueSpans} waiting. A full queue
 * drops the span and counts it ({@code spillway_trace_spans_dropped_total}): the thread that ended
 * it never waits. Over HTTP the bytes are bounded too: a request is sent once it holds
 * {@link #REQUEST_BYTES} (a larger span goes alone), and at most {@link #QUEUE_BYTES} wait — spans
 * with content captured are as large as the prompts and answers.
 *
 * <p>Why 2,048 spans a request and not the SDK's 512: each request has a cost of its own on both
 * sides (the exporter's HTTP call and thread hand-offs, the collector's request, the size pass over
 * its resource and scope groups), and at a few hundred traced calls a second and more it dominates
 * less as requests grow — measured in process, 2,048 spans a request cost 20–30 % less CPU per
 * traced call to export and receive than 512 (docs/benchmarks.md, Tracing; ExportCostBenchmark). A request of 2,048 spans
 * without content is ~1.2 MB, well under collectors' limits (the OpenTelemetry Collector's gRPC
 * receiver refuses messages over 4 MiB by default). With content captured a span is as large as the
 * prompt and the answer, so requests stay at 512 spans.
 */
record ExportBatch(int maxSpans, int queueSpans, Duration delay) {
  static final ExportBatch WITHOUT_CONTENT = new ExportBatch(2048, 8192, Duration.ofMillis(500));
  static final ExportBatch WITH_CONTENT = new ExportBatch(512, 8192, Duration.ofMillis(500));
  /** The OpenTelemetry Collector's gRPC receiver refuses messages over 4 MiB by default; stay under. */
  static final int REQUEST_BYTES = 4 * 1024 * 1024 - 64 * 1024;
  static final long QUEUE_BYTES = 8L * REQUEST_BYTES;

  static ExportBatch of(TelemetryOptions options) {
    return options.captureContent() ? WITH_CONTENT : WITHOUT_CONTENT;
  }

  /** The OTLP/HTTP export of the proxy's spans (all of {@code resource} and {@code scope}) to {@code tracesUrl}. */
  HttpSpanExport http(String tracesUrl, Resource resource, InstrumentationScopeInfo scope) {
    return HttpSpanExport.to(tracesUrl, resource, scope, maxSpans, REQUEST_BYTES, queueSpans, QUEUE_BYTES, delay);
  }

  BatchSpanProcessor processor(SpanExporter exporter, MeterProvider meters) {
    return BatchSpanProcessor.builder(exporter)
        .setMeterProvider(meters)
        .setScheduleDelay(delay)
        .setMaxQueueSize(queueSpans)
        .setMaxExportBatchSize(maxSpans)
        .build();
  }
}
