package dev.spillway.proxy.telemetry.tracing.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.InstrumentationLibraryInfo;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

/** Requests and spans as the export encodes them (tests of this package and of tracing's). */
public final class OtlpRequests {
  private OtlpRequests() {}

  /** The request carrying {@code spans} (all of the first one's resource and scope), as the sender writes it. */
  public static byte[] request(List<? extends SpanData> spans) throws IOException {
    ProtoWriter body = new ProtoWriter(1024);
    TraceRequestEncoder encoder = TraceRequestEncoder.forSpans();
    for (SpanData span : spans) {
      body.append(encoder.spanField(span));
    }
    SpanData first = spans.get(0);
    return bytes(TraceRequestEncoder.forSpans().frame(first.getResource(), first.getInstrumentationScopeInfo())
        .around(body));
  }

  /** One span as the export encodes it, decoded. */
  public static Span span(SpanData span) throws IOException {
    return ExportTraceServiceRequest.parseFrom(request(List.of(span))).getResourceSpans(0).getScopeSpans(0).getSpans(0);
  }

  /** The request as the sender writes it: through the SDK's serializer, a piece at a time. */
  static byte[] bytes(EncodedRequest request) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    request.writeBinaryTo(bytes);
    assertThat(bytes.size()).isEqualTo(request.getBinarySerializedSize());
    return bytes.toByteArray();
  }

  /** {@code span} as an ended span the export takes. */
  public static ReadableSpan ended(SpanData span) {
    return new Ended(span);
  }

  private record Ended(SpanData toSpanData) implements ReadableSpan {
    @Override
    public SpanContext getSpanContext() {
      return toSpanData.getSpanContext();
    }

    @Override
    public SpanContext getParentSpanContext() {
      return toSpanData.getParentSpanContext();
    }

    @Override
    public String getName() {
      return toSpanData.getName();
    }

    @Override
    @SuppressWarnings("deprecation")
    public InstrumentationLibraryInfo getInstrumentationLibraryInfo() {
      return toSpanData.getInstrumentationLibraryInfo();
    }

    @Override
    public boolean hasEnded() {
      return true;
    }

    @Override
    public long getLatencyNanos() {
      return toSpanData.getEndEpochNanos() - toSpanData.getStartEpochNanos();
    }

    @Override
    public SpanKind getKind() {
      return toSpanData.getKind();
    }

    @Override
    public <T> T getAttribute(AttributeKey<T> key) {
      return toSpanData.getAttributes().get(key);
    }
  }
}
