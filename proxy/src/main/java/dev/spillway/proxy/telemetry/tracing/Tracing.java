package dev.spillway.proxy.telemetry.tracing;

import dev.spillway.proxy.telemetry.TelemetryOptions;
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
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.undertow.util.HeaderMap;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The OpenTelemetry SDK as the proxy uses it: OTLP export (HTTP/protobuf or gRPC) in batches
 * ({@link SpanExport}); W3C trace context in and out; sampling decided when a call starts; and the
 * bookkeeping that shows every call is accounted for ({@code spillway.trace.*} meters):
 * spans kept = exported + export failed + dropped by a full export queue (+ still queued).
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

  private final SpanExport export;
  private final SpanPipeline pipeline;
  private final Sampler ratio;
  private final LongAdder sampledOut = new LongAdder();

  private Tracing(TelemetryOptions options, MeterRegistry registry) {
    Resource resource = Resource.getDefault().merge(Resource.create(
        Attributes.of(AttributeKey.stringKey("service.name"), "spillway-proxy")));
    InstrumentationScopeInfo scope = InstrumentationScopeInfo.create("dev.spillway.proxy");
    this.export = SpanExport.of(options, resource, scope);
    this.ratio = Sampler.traceIdRatioBased(options.samplingRatio());
    this.pipeline = new SpanPipeline(resource, scope, export.processor());
    // Micrometer holds a function counter's object weakly: the export is this object's field.
    counter(registry, "spillway.trace.spans.kept", "Spans handed to the exporter", export, e -> e.kept());
    counter(registry, "spillway.trace.spans.exported", "Spans the OTLP endpoint accepted", export, e -> e.exported());
    counter(registry, "spillway.trace.spans.export_failed", "Spans whose export failed", export, e -> e.failed());
    counter(registry, "spillway.trace.spans.dropped", "Spans dropped because the export queue was full", export,
        e -> e.dropped());
    FunctionCounter.builder("spillway.trace.traces", export, e -> e.traces().getAsLong())
        .description("Calls whose trace was kept").tag("decision", "kept").register(registry);
    FunctionCounter.builder("spillway.trace.traces", sampledOut, LongAdder::sum)
        .description("Calls whose trace was sampled out").tag("decision", "sampled_out").register(registry);
  }

  public static Tracing start(TelemetryOptions options, MeterRegistry registry) {
    return new Tracing(options, registry);
  }

  private static void counter(MeterRegistry registry, String name, String description, SpanExport export,
      Function<SpanExport, LongSupplier> count) {
    FunctionCounter.builder(name, export, e -> count.apply(e).getAsLong()).description(description).register(registry);
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
    export.processor().forceFlush().join(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    export.processor().shutdown().join(10, TimeUnit.SECONDS);
    export.closeMeters().run();
  }
}
