package dev.spillway.proxy.telemetry;

import dev.spillway.config.RouterConfig;
import dev.spillway.proxy.http.RequestIds;
import dev.spillway.proxy.telemetry.metrics.MetricsHandler;
import dev.spillway.proxy.resilience.TargetStatsView;
import dev.spillway.proxy.telemetry.metrics.ProxyMetrics;
import dev.spillway.proxy.telemetry.metrics.TargetStateMetrics;
import dev.spillway.proxy.telemetry.tracing.CallTrace;
import dev.spillway.proxy.telemetry.tracing.Tracing;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Everything the proxy reports about its calls: traces (when an OTLP endpoint is set), metrics
 * (always; {@code GET /metrics}) and the access log (unless turned off). One per server; its
 * registry is its own, so two servers in one JVM (tests) never mix their figures.
 */
public final class Telemetry implements AutoCloseable {
  private final TelemetryOptions options;
  private final Clock clock;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ProxyMetrics metrics = new ProxyMetrics(registry);
  private final AccessLog accessLog;
  private final Tracing tracing;
  private volatile TargetStateMetrics targetState;
  private volatile Consumer<CallSummary> callListener = call -> {};

  public Telemetry(TelemetryOptions options, Clock clock) {
    this.options = options;
    this.clock = clock;
    this.accessLog = new AccessLog(options.accessLog());
    this.tracing = options.tracing() ? Tracing.start(options, registry) : null;
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
  }

  public TelemetryOptions options() {
    return options;
  }

  /** Wraps the handler of an observed route: each request gets its {@link CallObserver}. */
  public HttpHandler observe(HttpHandler next) {
    return new TelemetryHandler(this, next);
  }

  public HttpHandler metricsHandler() {
    return new MetricsHandler(registry, () -> {
      TargetStateMetrics state = targetState;
      if (state != null) {
        state.refresh();
      }
    });
  }

  /** Publishes the targets' live state (circuit, traffic share, headroom, budget) at each scrape. */
  public void watchTargets(Supplier<List<TargetStatsView>> stats) {
    targetState = new TargetStateMetrics(registry, stats);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /**
   * Hands every finished call to {@code listener} (the live page's feed), on the thread that
   * finished it: the listener must only hand over, never block.
   */
  public void onCall(Consumer<CallSummary> listener) {
    callListener = listener;
  }

  /** A new routing config is in force. */
  public void configLoaded(RouterConfig config) {
    metrics.configLoaded(config);
  }

  RequestTelemetry begin(HttpServerExchange exchange) {
    CallTrace spans =
        tracing == null
            ? null
            : tracing.begin(exchange.getRequestHeaders(), exchange.getRequestMethod().toString(), exchange.getRequestPath());
    return new RequestTelemetry(clock.instant(), spans, metrics, accessLog, options.captureContent(),
        exchange.getResponseHeaders().getFirst(RequestIds.HEADER), callListener);
  }

  /**
   * The telemetry of a job submitted by this exchange, which outlives it: its span continues the
   * trace of the exchange's server span (the traceparent already set on the response).
   *
   * @param name what the job's span is called, e.g. {@code /v1/videos/video_123}
   */
  public JobTelemetry beginJob(HttpServerExchange exchange, String name) {
    CallTrace spans = tracing == null ? null : tracing.begin(exchange.getResponseHeaders(), "JOB", name);
    return new JobTelemetry(new RequestTelemetry(clock.instant(), spans, metrics, accessLog, options.captureContent(),
        exchange.getResponseHeaders().getFirst(RequestIds.HEADER), callListener));
  }

  /**
   * A call made for a model rollout outside any request (eval, judge, shadow): a root span of its
   * own, marked with the rollout and arm; a no-op without tracing.
   *
   * @param failure why it failed (or its check failed), or null
   */
  public void rolloutCall(String rollout, String arm, String kind, String target, long latencyMs, String failure) {
    if (tracing != null) {
      tracing.rolloutCall(rollout, arm, kind, target, latencyMs, failure);
    }
  }

  /** Exports every span kept so far; a no-op without tracing. */
  public void flushTraces() {
    if (tracing != null) {
      tracing.flush();
    }
  }

  @Override
  public void close() {
    if (tracing != null) {
      tracing.close();
    }
    registry.close();
  }
}
