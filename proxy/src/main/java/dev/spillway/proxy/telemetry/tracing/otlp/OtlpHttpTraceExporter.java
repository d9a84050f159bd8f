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
  private final TraceRequestEncoder encoder = TraceRequestEncoder.forRequests();

  private OtlpHttpTraceExporter(HttpExporter<EncodedRequest> http) {
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

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    byte[] request;
    // The batch processor exports from its one worker thread; the lock only guards the encoder's
    // buffer should a flush ever export from another.
    synchronized (encoder) {
      request = encoder.encode(spans);
    }
    return http.export(new EncodedRequest(request), spans.size());
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
