package dev.spillway.proxy.telemetry.tracing;

import dev.spillway.proxy.telemetry.OtlpProtocol;
import dev.spillway.proxy.telemetry.TelemetryOptions;
import dev.spillway.proxy.telemetry.tracing.otlp.HttpSpanExport;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Where ended spans go, by the OTLP protocol, and the counts that show every span is accounted for:
 * kept = exported + export failed + dropped (+ still queued). Over HTTP/protobuf (the default) the
 * proxy's own queue and encoding, the SDK's HTTP sender ({@link HttpSpanExport}); over gRPC the SDK's
 * batch processor and exporter as they are, behind the kept-span count ({@link KeptSpans}).
 */
record SpanExport(SpanProcessor processor, LongSupplier kept, LongSupplier traces, LongSupplier exported,
    LongSupplier failed, LongSupplier dropped, Runnable closeMeters) {

  static SpanExport of(TelemetryOptions options, Resource resource, InstrumentationScopeInfo scope) {
    ExportBatch batch = ExportBatch.of(options);
    String endpoint = options.otlpEndpoint();
    if (options.otlpProtocol() == OtlpProtocol.GRPC) {
      SdkSpanMetrics sdkMetrics = new SdkSpanMetrics();
      SdkMeterProvider sdkMeters = SdkMeterProvider.builder().registerMetricReader(sdkMetrics).build();
      CountingSpanExporter exporter =
          new CountingSpanExporter(OtlpGrpcSpanExporter.builder().setEndpoint(endpoint).build());
      KeptSpans kept = new KeptSpans(batch.processor(exporter, sdkMeters));
      return new SpanExport(kept, kept::spans, kept::traces, exporter::exported, exporter::failed,
          sdkMetrics::droppedSpans, () -> sdkMeters.shutdown().join(1, TimeUnit.SECONDS));
    }
    // Like OTEL_EXPORTER_OTLP_ENDPOINT: a base URL, the signal path appended.
    String traces = endpoint.endsWith("/v1/traces") ? endpoint : endpoint.replaceAll("/+$", "") + "/v1/traces";
    HttpSpanExport http = batch.http(traces, resource, scope);
    return new SpanExport(http, http::kept, http::traces, http::exported, http::failed, http::dropped, () -> {});
  }
}
