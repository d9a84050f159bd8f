package dev.spillway.proxy.telemetry.tracing.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributeType;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayOutputStream;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The hand-written OTLP encoding against the SDK's own marshaler: for the same spans both requests
 * must decode (with the OTLP protobuf classes a collector uses) to equal messages — every field,
 * attribute type, event, link, status, flag and dropped count.
 */
class OtlpEncodingTest {
  private static final AttributeKey<String> TEXT = AttributeKey.stringKey("text");

  @Test
  void everyFieldDecodesAsTheSdksMarshalerWritesIt() throws Exception {
    List<SpanData> spans = new ArrayList<>();
    spans.addAll(spansOf(Resource.getDefault().merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"),
        "spillway-proxy"))), "dev.spillway.proxy", null));
    spans.addAll(spansOf(Resource.create(Attributes.of(AttributeKey.longKey("replica"), 2L), "https://opentelemetry.io/schemas/1.24.0"),
        "other-scope", "1.2.3"));

    // A request carries one resource and scope (the proxy's): each group is its own request.
    for (List<SpanData> group : List.of(spans.subList(0, spans.size() / 2), spans.subList(spans.size() / 2, spans.size()))) {
      assertThat(group).extracting(SpanData::getResource).containsOnly(group.get(0).getResource());
      assertSame(OtlpRequests.request(group), group);
    }
  }

  @Test
  void spansAndRequestsLongerThanTheirReservedLengthsKeepTheirLengths() throws Exception {
    // A span of ~20 KB (2 length bytes reserved: 16 KB) and a request of ~3 MB (3 reserved: 2 MB).
    // (an empty string value is still a value)
    List<SpanData> spans = spansWithText("é".repeat(10_000), "x".repeat(3_000_000), "");

    byte[] encoded = OtlpRequests.request(spans);
    assertSame(encoded, spans);
    ExportTraceServiceRequest request = decoded(encoded);
    assertThat(request.getResourceSpansList()).flatMap(ResourceSpans::getScopeSpansList).flatMap(ScopeSpans::getSpansList)
        .map(span -> span.getAttributes(0).getValue().getStringValue().length())
        .containsExactlyInAnyOrder(10_000, 3_000_000, 0);
  }

  @Test
  void oneEncoderWritesEachSpanAfreshAsARecordingThreadReusesIt() throws Exception {
    TraceRequestEncoder encoder = TraceRequestEncoder.forSpans();
    List<SpanData> big = spansWithText("y".repeat(100_000));
    List<SpanData> small = spansWithText("small");
    ProtoWriter body = new ProtoWriter(16);
    body.append(encoder.spanField(big.get(0)));
    body.reset();
    body.append(encoder.spanField(small.get(0)));
    SpanData span = small.get(0);
    assertSame(OtlpRequests.bytes(encoder.frame(span.getResource(), span.getInstrumentationScopeInfo()).around(body)), small);
  }

  @Test
  void anEndpointThatIsNotAnHttpUrlIsRefusedNamingIt() {
    assertThatThrownBy(() -> HttpSpanExport.to("collector:4318/v1/traces", Resource.empty(),
            InstrumentationScopeInfo.create("test"), 1, 1024, 1, 1024, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("collector:4318/v1/traces");
  }

  /** Real SDK spans of every shape the encoder has a branch for, ended and collected as SpanData. */
  private static List<SpanData> spansOf(Resource resource, String scope, String version) {
    List<SpanData> ended = new ArrayList<>();
    try (SdkTracerProvider provider = SdkTracerProvider.builder().setResource(resource)
        .setSpanLimits(SpanLimits.builder().setMaxNumberOfAttributes(12).setMaxNumberOfEvents(2).build())
        .addSpanProcessor(collecting(ended)).build()) {
      Tracer tracer = provider.tracerBuilder(scope).setInstrumentationVersion(version).build();
      SpanContext remoteParent = SpanContext.createFromRemoteParent("0af7651916cd43dd8448eb211c80319c",
          "b7ad6b7169203331", TraceFlags.getSampled(), TraceState.builder().put("vendor", "a1").put("other", "b2").build());
      Span server = tracer.spanBuilder("POST /v1/chat/completions").setSpanKind(SpanKind.SERVER)
          .setParent(Context.root().with(Span.wrap(remoteParent))).setStartTimestamp(1_700_000_000_123_456_789L, TimeUnit.NANOSECONDS)
          .startSpan();
      server.setAttribute("http.request.method", "POST")
          .setAttribute(AttributeKey.longKey("negative"), -42L)
          .setAttribute(AttributeKey.longKey("zero"), 0L)
          .setAttribute(AttributeKey.booleanKey("yes"), true)
          .setAttribute(AttributeKey.booleanKey("no"), false)
          .setAttribute(AttributeKey.doubleKey("cost"), 0.0000123)
          .setAttribute(AttributeKey.doubleKey("zero.double"), 0.0)
          .setAttribute(AttributeKey.stringArrayKey("candidates"), List.of("a/x", "b/ÿ€😀", ""))
          .setAttribute(AttributeKey.booleanArrayKey("flags"), List.of(true, false))
          .setAttribute(AttributeKey.longArrayKey("sizes"), List.of(1L, -1L, Long.MAX_VALUE))
          .setAttribute(AttributeKey.doubleArrayKey("scores"), List.of(0.5, -1.25))
          .setAttribute(AttributeKey.stringArrayKey("none"), List.of())
          .setAttribute("beyond.the.limit", "dropped");
      server.setAttribute(TEXT, "naïve € 😀 lone\uD800 end " + "long ".repeat(40));
      server.setAttribute(new OwnKey("own.key.ü"), "a key not made by AttributeKey.stringKey");
      server.addEvent("candidate", Attributes.of(AttributeKey.stringKey("candidate"), "a/x", AttributeKey.longKey("rank"), 0L),
          1_700_000_000_200_000_000L, TimeUnit.NANOSECONDS);
      server.addEvent("hedge");
      server.addEvent("past the event limit");
      Span route = tracer.spanBuilder("route default").setParent(Context.root().with(server))
          .addLink(remoteParent, Attributes.of(AttributeKey.stringKey("link"), "why"))
          .startSpan();
      route.setStatus(StatusCode.OK).end();
      Span attempt = tracer.spanBuilder("chat gpt-4o-mini").setSpanKind(SpanKind.CLIENT)
          .setParent(Context.root().with(server)).startSpan();
      attempt.setStatus(StatusCode.ERROR, "upstream 503: overloaded").end();
      tracer.spanBuilder("").setSpanKind(SpanKind.PRODUCER).setNoParent().startSpan().end();
      tracer.spanBuilder("consumer").setSpanKind(SpanKind.CONSUMER).setNoParent().startSpan()
          .setStatus(StatusCode.ERROR).end();
      server.end(1_700_000_001_000_000_000L, TimeUnit.NANOSECONDS);
    }
    return ended;
  }

  /** A key of another implementation than the API's (whose keys carry their UTF-8 name). */
  private record OwnKey(String getKey) implements AttributeKey<String> {
    @Override
    public AttributeType getType() {
      return AttributeType.STRING;
    }
  }

  /** A span for each text, of one resource and scope. */
  static List<SpanData> spansWithText(String... texts) {
    List<SpanData> ended = new ArrayList<>();
    try (SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(collecting(ended)).build()) {
      Tracer tracer = provider.get("test");
      for (String text : texts) {
        tracer.spanBuilder("with text").startSpan().setAttribute(TEXT, text).end();
      }
    }
    return ended;
  }

  private static SpanProcessor collecting(List<SpanData> ended) {
    return new SpanProcessor() {
      @Override
      public void onStart(Context parentContext, ReadWriteSpan span) {}

      @Override
      public boolean isStartRequired() {
        return false;
      }

      @Override
      public void onEnd(ReadableSpan span) {
        ended.add(span.toSpanData());
      }

      @Override
      public boolean isEndRequired() {
        return true;
      }
    };
  }

  /** Decodes equal to the SDK's request for the same spans; a failure shows the first line that differs. */
  private static void assertSame(byte[] encoded, List<SpanData> spans) throws Exception {
    ExportTraceServiceRequest ours = decoded(encoded);
    ExportTraceServiceRequest theirs = decoded(sdk(spans));
    if (!ours.equals(theirs)) {
      String[] a = ours.toString().split("\n");
      String[] b = theirs.toString().split("\n");
      int line = 0;
      while (line < Math.min(a.length, b.length) && a[line].equals(b[line])) {
        line++;
      }
      throw new AssertionError("line " + line + ": encoder '" + cut(a, line) + "', SDK '" + cut(b, line) + "'");
    }
  }

  private static String cut(String[] lines, int line) {
    String text = line < lines.length ? lines[line].strip() : "(end)";
    return text.length() > 120 ? text.substring(0, 120) + "…" : text;
  }

  private static byte[] sdk(List<SpanData> spans) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TraceRequestMarshaler.create(spans).writeBinaryTo(bytes);
    return bytes.toByteArray();
  }

  /**
   * The request as a collector reads it, its resource and scope groups in a fixed order: the SDK
   * orders them by identity hash (IdentityHashMap), the encoder as first seen; OTLP gives the order
   * no meaning.
   */
  private static ExportTraceServiceRequest decoded(byte[] bytes) throws Exception {
    ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(bytes);
    List<ResourceSpans> resources = new ArrayList<>();
    for (ResourceSpans resource : request.getResourceSpansList()) {
      List<ScopeSpans> scopes = new ArrayList<>(resource.getScopeSpansList());
      scopes.sort(Comparator.comparing(ScopeSpans::toByteString, ByteString.unsignedLexicographicalComparator()));
      resources.add(resource.toBuilder().clearScopeSpans().addAllScopeSpans(scopes).build());
    }
    resources.sort(Comparator.comparing(ResourceSpans::toByteString, ByteString.unsignedLexicographicalComparator()));
    return request.toBuilder().clearResourceSpans().addAllResourceSpans(resources).build();
  }
}
