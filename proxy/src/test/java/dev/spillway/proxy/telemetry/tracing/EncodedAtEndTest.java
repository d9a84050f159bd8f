package dev.spillway.proxy.telemetry.tracing;

import static dev.spillway.proxy.telemetry.tracing.SpanKeys.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.proxy.telemetry.OtlpProtocol;
import dev.spillway.proxy.telemetry.TelemetryOptions;
import dev.spillway.proxy.telemetry.tracing.otlp.HttpSpanExport;
import dev.spillway.proxy.telemetry.tracing.otlp.OtlpRequests;
import dev.spillway.proxy.telemetry.tracing.otlp.SpanWriter;
import dev.spillway.proxy.testing.OtlpReceiver;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Spans written from a call's facts straight into OTLP bytes, queued and exported from them: a
 * receiver gets exactly what the SDK's own marshaler makes of the same spans built as span data
 * (the gRPC export's writer, {@link SdkSpans}), every writer call covered.
 */
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
      assertThat(http.pipeline().spans().getClass().getSimpleName()).isEqualTo("EncodedSpans");
      assertThat(grpc.processor()).isInstanceOf(KeptSpans.class);
      assertThat(grpc.pipeline().spans()).isInstanceOf(SdkSpans.class);
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
      List<SpanData> recorded = new ArrayList<>();
      SpanPipeline both = new SpanPipeline(() -> new TeeWriter(export.spans(), sdk(recorded)));
      for (int i = 0; i < 3; i++) {
        CallShapes.benchCall(both.spans(), 1_000_000_000L * (i + 1));
      }
      everyWriterCall(both.spans());
      assertThat(export.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
      export.shutdown().join(10, TimeUnit.SECONDS);

      assertThat(recorded).hasSize(12);
      assertThat(receiver.spans()).containsExactlyElementsOf(sdkSpans(recorded));
      assertThat(export.kept()).isEqualTo(12);
      assertThat(export.traces()).isEqualTo(5); // three calls, the caller's trace, the one-span trace
      assertThat(export.exported()).isEqualTo(12);
      assertThat(export.failed() + export.dropped()).isZero();
    }
  }

  /**
   * Every kind of value and every part of a span: a caller's remote parent with a trace state, events
   * with and without attributes, an error status, an unset one given a description (left out by
   * both), empty strings, non-ASCII text, a consumer's own attribute key, and a span past 16 KB.
   */
  private static void everyWriterCall(SpanWriter out) {
    SpanContext caller = SpanContext.createFromRemoteParent("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
        TraceFlags.getSampled(), TraceState.builder().put("vendor", "x1").put("other", "y").build());
    LocalSpanContext server = LocalSpanContext.forCall(caller);
    char[] big = new char[20_000];
    Arrays.fill(big, 'é');
    out.span("chat ü", SpanKind.CLIENT, server, server.child(), 10L, 20L)
        .string(GEN_AI_INPUT_MESSAGES, new String(big))
        .string(GEN_AI_RESPONSE_ID, null)
        .string(GEN_AI_RESPONSE_MODEL, "")
        .strings(GEN_AI_FINISH_REASONS, List.of("stop", "", "länge"))
        .strings(CALLER_FALLBACKS, null)
        .decimal(TTFT, -0.0)
        .number(GEN_AI_INPUT_TOKENS, Long.MIN_VALUE)
        .flag(FAILOVER, true)
        .event("no attributes", 15L)
        .event(CallEvent.SKIPPED, 16L).string(CANDIDATE, "b/y").string(SKIP_REASON, "circuit open €")
        .end(StatusCode.ERROR, "upstream 503: overloaded ü€");
    out.span("POST /v1/chat/completions", SpanKind.SERVER, caller, server, 1L, 30L)
        .string(AttributeKey.stringKey(CONSUMER_ATTRIBUTE + "cost-center"), "cc-7")
        .number(HTTP_STATUS, 200)
        .flag(STREAM, false)
        .end(StatusCode.UNSET, "not read for an unset status");
    LocalSpanContext rollout = LocalSpanContext.root();
    out.span("rollout eval a/x", SpanKind.CLIENT, SpanContext.getInvalid(), rollout, 5L, 6L)
        .end(StatusCode.ERROR, null)
        .send();
  }

  /** The gRPC export's writer, its spans collected as the SDK's processors get them. */
  private static SdkSpans sdk(List<SpanData> recorded) {
    return new SdkSpans(RESOURCE, SCOPE, OtlpRequests.collecting(recorded));
  }

  private static List<Span> sdkSpans(List<SpanData> spans) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TraceRequestMarshaler.create(spans).writeBinaryTo(bytes);
    return ExportTraceServiceRequest.parseFrom(bytes.toByteArray()).getResourceSpans(0).getScopeSpans(0).getSpansList();
  }
}
