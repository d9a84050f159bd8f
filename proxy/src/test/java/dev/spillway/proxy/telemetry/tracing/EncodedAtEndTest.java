package dev.spillway.proxy.telemetry.tracing;

import dev.spillway.proxy.telemetry.OtlpProtocol;
import static dev.spillway.proxy.telemetry.tracing.SpanKeys.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.proxy.telemetry.TelemetryOptions;
import dev.spillway.proxy.telemetry.tracing.otlp.HttpSpanExport;
import dev.spillway.proxy.testing.OtlpReceiver;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Spans encoded as they end, on the recording thread, queued as bytes and exported from them. */
class EncodedAtEndTest {
  private static final TelemetryOptions HTTP = TelemetryOptions.DEFAULTS.withOtlp("http://collector:4318", null);
  private static final Resource RESOURCE = Resource.getDefault();
  private static final InstrumentationScopeInfo SCOPE = InstrumentationScopeInfo.create("dev.spillway.proxy");

  @Test
  void overHttpSpansGoToTheProxysExportAndOverGrpcToTheSdksBatchProcessor() {
    SpanExport http = SpanExport.of(HTTP, RESOURCE, SCOPE);
    SpanExport grpc = SpanExport.of(HTTP.withOtlp("http://collector:4317", OtlpProtocol.GRPC), RESOURCE, SCOPE);
    try {
      assertThat(http.processor()).isInstanceOf(HttpSpanExport.class);
      assertThat(grpc.processor()).isInstanceOf(KeptSpans.class);
    } finally {
      for (SpanExport export : List.of(http, grpc)) {
        export.processor().shutdown().join(10, TimeUnit.SECONDS);
        export.closeMeters().run();
      }
    }
  }

  @Test
  void aReceiverGetsTheSpansAsTheSdkWouldSendThemAndEveryOneIsCounted() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      HttpSpanExport export = ExportBatch.WITHOUT_CONTENT.http(receiver.endpoint() + "/v1/traces", RESOURCE, SCOPE);
      List<RecordedSpan> spans = calls(new SpanPipeline(RESOURCE, SCOPE, export), 3);
      assertThat(export.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
      export.shutdown().join(10, TimeUnit.SECONDS);

      assertThat(receiver.spans()).containsExactlyElementsOf(sdkSpans(spans));
      assertThat(export.kept()).isEqualTo(9);
      assertThat(export.traces()).isEqualTo(3);
      assertThat(export.exported()).isEqualTo(9);
      assertThat(export.failed() + export.dropped()).isZero();
    }
  }

  /** The spans of {@code n} calls shaped like the proxy's (server, route with a scored event, failed attempt). */
  static List<RecordedSpan> calls(SpanPipeline p, int n) {
    List<RecordedSpan> spans = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      RecordedSpan server = p.startRoot("POST /v1/chat/completions", SpanKind.SERVER, 1_000L)
          .set(HTTP_METHOD, "POST").set(MODEL, "gpt-4o-mini").set(STREAM, false);
      RecordedSpan route = p.startChild("route default", SpanKind.INTERNAL, server, 1_100L)
          .set(CANDIDATES, List.of("a/x", "b/y")).set(MAX_ATTEMPTS, 2L);
      route.event("candidate", new SpanAttributes(3).put(CANDIDATE, "a/x").put(RANK, 0L).put(SCORE, 0.93), 1_150L);
      route.end(1_200L);
      RecordedSpan attempt = p.startChild("chat gpt-4o-mini", SpanKind.CLIENT, server, 1_300L)
          .set(TARGET, "a/x").set(COST_USD, 0.0000123).set(FAILURE, "upstream 503: overloaded ü€");
      attempt.status(StatusCode.ERROR, "upstream 503: overloaded ü€").end(1_400L);
      server.set(HTTP_STATUS, 200L).end(1_500L);
      spans.addAll(List.of(route, attempt, server));
    }
    return spans;
  }

  private static List<Span> sdkSpans(List<RecordedSpan> spans) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TraceRequestMarshaler.create(new ArrayList<SpanData>(spans)).writeBinaryTo(bytes);
    return ExportTraceServiceRequest.parseFrom(bytes.toByteArray()).getResourceSpans(0).getScopeSpans(0).getSpansList();
  }
}
