package dev.spillway.proxy.telemetry.tracing;

import static dev.spillway.proxy.telemetry.tracing.SpanKeys.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.proxy.telemetry.TelemetryOptions;
import dev.spillway.proxy.telemetry.tracing.otlp.OtlpHttpTraceExporter;
import dev.spillway.proxy.testing.OtlpReceiver;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Spans encoded as they end, on the recording thread, and exported from that encoding. */
class EncodedAtEndTest {
  private static final TelemetryOptions HTTP = TelemetryOptions.DEFAULTS.withOtlp("http://collector:4318", null);

  @Test
  void overHttpEachSpanIsEncodedWhenItEndsAndOverGrpcNot() {
    assertThat(SpanPipeline.encodesAtEnd(HTTP)).isTrue();
    assertThat(SpanPipeline.encodesAtEnd(HTTP.withOtlp("http://collector:4317", TelemetryOptions.GRPC))).isFalse();

    List<RecordedSpan> encoding = calls(pipeline(true), 1);
    assertThat(encoding).allSatisfy(span -> assertThat(span.otlpSpan()).isNotEmpty());
    assertThat(calls(pipeline(false), 1)).allSatisfy(span -> assertThat(span.otlpSpan()).isNull());
  }

  @Test
  void theEncodingMadeAtTheEndIsTheSpanAsTheSdkEncodesIt() throws Exception {
    List<RecordedSpan> spans = calls(pipeline(true), 2);
    List<Span> sdk = sdkSpans(spans);
    for (int i = 0; i < spans.size(); i++) {
      assertThat(Span.parseFrom(spans.get(i).otlpSpan())).isEqualTo(sdk.get(i));
    }
  }

  @Test
  void aReceiverGetsTheSpansEncodedAtTheEndAsTheSdkWouldSendThem() throws Exception {
    List<RecordedSpan> spans = calls(pipeline(true), 3);
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      OtlpHttpTraceExporter exporter = OtlpHttpTraceExporter.to(receiver.endpoint() + "/v1/traces");
      assertThat(exporter.export(new ArrayList<>(spans)).join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
      exporter.shutdown().join(10, TimeUnit.SECONDS);

      assertThat(receiver.spans()).containsExactlyElementsOf(sdkSpans(spans));
    }
  }

  /** A pipeline whose processor does nothing: the test reads the spans {@link #calls} returns. */
  private static SpanPipeline pipeline(boolean encodeAtEnd) {
    return new SpanPipeline(Resource.getDefault(), InstrumentationScopeInfo.create("dev.spillway.proxy"),
        SpanProcessor.composite(), encodeAtEnd);
  }

  /** The spans of {@code n} calls shaped like the proxy's (server, route with a scored event, failed attempt). */
  private static List<RecordedSpan> calls(SpanPipeline p, int n) {
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
