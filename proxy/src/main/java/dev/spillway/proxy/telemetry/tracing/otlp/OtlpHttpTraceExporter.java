package dev.spillway.proxy.telemetry.tracing.otlp;

import io.opentelemetry.exporter.internal.ExporterBuilderUtil;
import io.opentelemetry.exporter.internal.http.HttpExporter;
import io.opentelemetry.exporter.internal.http.HttpExporterBuilder;
import io.opentelemetry.exporter.otlp.internal.OtlpUserAgent;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.internal.StandardComponentId;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;

/**
 * OTLP/HTTP (protobuf) span export: the request encoded by {@link TraceRequestEncoder}, sent by the
 * SDK's own HTTP exporter — the one {@code OtlpHttpSpanExporter} wraps, with its OkHttp sender,
 * default timeouts, retry policy and User-Agent — so only the encoding differs from the SDK's
 * exporter. That exporter is in the SDK's {@code internal} packages (the public builder accepts
 * spans, not bytes); the SDK version is pinned in the root pom and this class's tests fail to
 * compile or pass if an upgrade changes it.
 */
public final class OtlpHttpTraceExporter implements SpanExporter {
  private final HttpExporter<EncodedRequest> http;
  /** Guarded by {@code this}, as is {@link #inFlight}. */
  private TraceRequestEncoder encoder = TraceRequestEncoder.forRequests();
  /** The export of the last request {@link #encoder} made, which may still be reading its buffer. */
  private CompletableResultCode inFlight = CompletableResultCode.ofSuccess();

  OtlpHttpTraceExporter(HttpExporter<EncodedRequest> http) {
    this.http = http;
  }

  /**
   * Exports to {@code tracesUrl}, the full URL ({@code .../v1/traces}).
   *
   * @throws IllegalArgumentException naming the URL if it is not an http(s) URL (the SDK's check)
   */
  public static OtlpHttpTraceExporter to(String tracesUrl) {
    ExporterBuilderUtil.validateEndpoint(tracesUrl);
    HttpExporterBuilder<EncodedRequest> builder =
        new HttpExporterBuilder<>(StandardComponentId.ExporterType.OTLP_HTTP_SPAN_EXPORTER, tracesUrl);
    OtlpUserAgent.addUserAgentHeader(builder::addConstantHeaders);
    return new OtlpHttpTraceExporter(builder.build());
  }

  /**
   * Sends {@code spans} as one request encoded in the encoder's buffer, which the request reads
   * until its export completes (retries included). The batch processor waits for each export before
   * the next, so one buffer serves them all; should an export start while the last one is still
   * sending (the processor gave up waiting, or a flush from another thread), it gets a new encoder
   * and the request in flight keeps the old buffer.
   */
  @Override
  public synchronized CompletableResultCode export(Collection<SpanData> spans) {
    if (!inFlight.isDone()) {
      encoder = TraceRequestEncoder.forRequests();
    }
    inFlight = http.export(encoder.encode(spans), spans.size());
    return inFlight;
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return http.shutdown();
  }
}
