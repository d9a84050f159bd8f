package dev.spillway.proxy.telemetry.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.proxy.telemetry.tracing.otlp.OtlpRequests;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Span contexts whose ids are numbers: the same ids as hex and as OTLP bytes, the caller's trace kept. */
class LocalSpanContextTest {
  private static final HexFormat HEX = HexFormat.of();
  private final SpanPipeline pipeline =
      new SpanPipeline(Resource.empty(), InstrumentationScopeInfo.create("test"), SpanProcessor.composite());

  @Test
  void newIdsAreValidW3cIdsAndTheSpanIsSampledAndLocal() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      LocalSpanContext root = LocalSpanContext.root();
      LocalSpanContext child = root.child();
      assertThat(TraceId.isValid(root.getTraceId())).isTrue();
      assertThat(SpanId.isValid(root.getSpanId())).isTrue();
      assertThat(SpanId.isValid(child.getSpanId())).isTrue();
      assertThat(child.getTraceId()).isEqualTo(root.getTraceId());
      assertThat(SpanContext.create(root.getTraceId(), root.getSpanId(), TraceFlags.getSampled(), TraceState.getDefault())
          .isValid()).isTrue();
      assertThat(root.isSampled()).isTrue();
      assertThat(root.isRemote()).isFalse();
      seen.add(root.getTraceId());
      seen.add(child.getSpanId());
    }
    assertThat(seen).hasSize(2_000);
  }

  @Test
  void aCallersTraceIdAndStateAreKeptAndItsSpanIsTheParent() throws Exception {
    SpanContext caller = SpanContext.createFromRemoteParent("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
        TraceFlags.getSampled(), TraceState.builder().put("vendor", "x1").build());
    LocalSpanContext server = LocalSpanContext.forCall(caller);
    assertThat(server.getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(server.getSpanId()).isNotEqualTo("b7ad6b7169203331");
    assertThat(server.getTraceState().get("vendor")).isEqualTo("x1");

    RecordedSpan serverSpan = pipeline.start("POST /", SpanKind.SERVER, caller, server, 1L);
    RecordedSpan route = pipeline.startChild("route", SpanKind.INTERNAL, serverSpan, 2L);
    route.end(3L);
    serverSpan.end(4L);

    Span encodedServer = OtlpRequests.span(serverSpan);
    assertThat(HEX.formatHex(encodedServer.getTraceId().toByteArray())).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(HEX.formatHex(encodedServer.getSpanId().toByteArray())).isEqualTo(server.getSpanId());
    assertThat(HEX.formatHex(encodedServer.getParentSpanId().toByteArray())).isEqualTo("b7ad6b7169203331");
    assertThat(encodedServer.getTraceState()).isEqualTo("vendor=x1");
    Span encodedRoute = OtlpRequests.span(route);
    assertThat(HEX.formatHex(encodedRoute.getTraceId().toByteArray())).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(HEX.formatHex(encodedRoute.getParentSpanId().toByteArray())).isEqualTo(server.getSpanId());
    assertThat(HEX.formatHex(encodedRoute.getSpanId().toByteArray())).isEqualTo(route.getSpanContext().getSpanId());
  }
}
