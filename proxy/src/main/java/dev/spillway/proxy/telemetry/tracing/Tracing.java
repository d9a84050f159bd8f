package dev.spillway.proxy.telemetry.tracing;

import dev.spillway.proxy.telemetry.TelemetryOptions;
import dev.spillway.proxy.telemetry.tracing.otlp.OtlpHttpTraceExporter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.undertow.util.HeaderMap;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The OpenTelemetry SDK as the proxy uses it: OTLP export (HTTP/protobuf or gRPC) through a batch
 * processor; W3C trace context in and out; sampling decided when a call starts; and the
 * bookkeeping that shows every call is accounted for ({@code spillway.trace.*} meters):
 * spans kept = exported + export failed + dropped by the batch queue (+ still queued).
 *
 * <p>Sampling is parent-based with a trace-id ratio: a caller's traceparent decides by its sampled
 * flag; a call without one is sampled when its new trace id falls within the ratio (the SDK's
 * trace-id-ratio rule, so every service sampling by ratio agrees on a trace). A sampled call builds
 * its spans as it goes ({@link CallSpans}); any other call builds nothing unless it fails over or
 * fails, and then builds the same spans when it ends ({@link UnsampledCall}): untraced calls pay
 * for no span, and errors and failovers are traced at any ratio.
 */
public final class Tracing implements AutoCloseable {
  private static final Clock LIVE = Clock.getDefault();
  private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
  private static final TextMapGetter<HeaderMap> HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HeaderMap carrier) {
          return carrier.getHeaderNames().stream().map(Object::toString).toList();
        }

        @Override
        public String get(HeaderMap carrier, String key) {
          return carrier == null ? null : carrier.getFirst(key);
        }
      };

  private final KeptSpans kept;
  private final SdkMeterProvider sdkMeters;
  private final SpanPipeline pipeline;
  private final Sampler ratio;
  private final LongAdder sampledOut = new LongAdder();

  private Tracing(TelemetryOptions options, MeterRegistry registry) {
    SdkSpanMetrics sdkMetrics = new SdkSpanMetrics();
    this.sdkMeters = SdkMeterProvider.builder().registerMetricReader(sdkMetrics).build();
    CountingSpanExporter exporter = new CountingSpanExporter(exporter(options));
    this.kept = new KeptSpans(ExportBatch.of(options).processor(exporter, sdkMeters));
    this.ratio = Sampler.traceIdRatioBased(options.samplingRatio());
    this.pipeline = new SpanPipeline(
        Resource.getDefault().merge(Resource.create(
            Attributes.of(AttributeKey.stringKey("service.name"), "spillway-proxy"))),
        InstrumentationScopeInfo.create("dev.spillway.proxy"),
        kept,
        SpanPipeline.encodesAtEnd(options));
    counter(registry, "spillway.trace.spans.kept", "Spans handed to the batch exporter", kept, k -> k.spans());
    counter(registry, "spillway.trace.spans.exported", "Spans the OTLP endpoint accepted", exporter, e -> e.exported());
    counter(registry, "spillway.trace.spans.export_failed", "Spans whose export failed", exporter, e -> e.failed());
    counter(registry, "spillway.trace.spans.dropped", "Spans the batch processor dropped (queue full)",
        sdkMetrics, m -> m.droppedSpans());
    FunctionCounter.builder("spillway.trace.traces", kept, k -> k.traces())
        .description("Calls whose trace was kept").tag("decision", "kept").register(registry);
    FunctionCounter.builder("spillway.trace.traces", sampledOut, LongAdder::sum)
        .description("Calls whose trace was sampled out").tag("decision", "sampled_out").register(registry);
  }

  public static Tracing start(TelemetryOptions options, MeterRegistry registry) {
    return new Tracing(options, registry);
  }

  private static SpanExporter exporter(TelemetryOptions options) {
    String endpoint = options.otlpEndpoint();
    if (options.otlpProtocol().equals(TelemetryOptions.GRPC)) {
      return OtlpGrpcSpanExporter.builder().setEndpoint(endpoint).build();
    }
    // Like OTEL_EXPORTER_OTLP_ENDPOINT: a base URL, the signal path appended.
    String traces = endpoint.endsWith("/v1/traces") ? endpoint : endpoint.replaceAll("/+$", "") + "/v1/traces";
    // gRPC keeps the SDK's exporter and its marshaler; HTTP/protobuf, the default, encodes each
    // request in one pass (OtlpHttpTraceExporter: a fraction of the CPU a traced call costs).
    return OtlpHttpTraceExporter.to(traces);
  }

  private static <T> void counter(
      MeterRegistry registry, String name, String description, T source, ToDoubleFunction<T> count) {
    FunctionCounter.builder(name, source, count).description(description).register(registry);
  }

  /**
   * The trace of a call that starts now, continuing the caller's trace when it sent a traceparent:
   * sampled (its spans built as it goes) or not (nothing built unless it fails over or fails).
   */
  public CallTrace begin(HeaderMap requestHeaders, String method, String path) {
    Context parent = W3C.extract(Context.root(), requestHeaders, HEADERS);
    SpanContext caller = Span.fromContext(parent).getSpanContext();
    LocalSpanContext server = LocalSpanContext.forCall(caller);
    boolean sampled = caller.isValid() ? caller.isSampled() : sampled(server.getTraceId());
    return sampled
        ? spans(parent, method, path, server, CallClock.anchored())
        : new UnsampledCall(this, parent, method, path, server);
  }

  /** The spans of a call, its server span with this context. */
  CallTrace spans(Context parent, String method, String path, LocalSpanContext server, CallClock clock) {
    return new CallSpans(pipeline, clock, parent, method, path, server);
  }

  void sampledOut() {
    sampledOut.increment();
  }

  private boolean sampled(String traceId) {
    return ratio.shouldSample(Context.root(), traceId, "", SpanKind.SERVER, Attributes.empty(), List.of())
            .getDecision()
        == SamplingDecision.RECORD_AND_SAMPLE;
  }

  /**
   * The {@code traceparent} naming a server span, in the W3C format (version 00), as the
   * propagator would write it, without its carrier and setter round trip on every call.
   */
  static String traceparent(SpanContext server) {
    return traceparent(server.getTraceId(), server.getSpanId(), server.isSampled());
  }

  static String traceparent(String traceId, String spanId, boolean sampled) {
    return "00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00");
  }

  /** See {@link dev.spillway.proxy.telemetry.Telemetry#rolloutCall}; the span ends now, started latencyMs ago. */
  public void rolloutCall(String rollout, String arm, String kind, String target, long latencyMs, String failure) {
    LocalSpanContext context = LocalSpanContext.root();
    if (failure == null && !sampled(context.getTraceId())) {
      sampledOut();
      return;
    }
    long endNanos = LIVE.now();
    RecordedSpan span = pipeline.start("rollout " + kind + " " + target, SpanKind.CLIENT, SpanContext.getInvalid(),
            context, endNanos - TimeUnit.MILLISECONDS.toNanos(latencyMs))
        .set(SpanKeys.ROLLOUT, rollout)
        .set(SpanKeys.ROLLOUT_ARM, arm)
        .set(SpanKeys.ROLLOUT_KIND, kind)
        .set(SpanKeys.TARGET, target);
    if (failure != null) {
      span.status(StatusCode.ERROR, failure);
    }
    span.end(endNanos);
  }

  /** Exports everything kept so far (tests and shutdown). */
  public void flush() {
    kept.forceFlush().join(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    kept.shutdown().join(10, TimeUnit.SECONDS);
    sdkMeters.shutdown().join(1, TimeUnit.SECONDS);
  }
}
