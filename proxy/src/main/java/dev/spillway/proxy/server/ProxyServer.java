package dev.spillway.proxy.server;

import dev.spillway.proxy.config.ConfigSink;
import dev.spillway.proxy.config.RuntimeConfig;
import dev.spillway.proxy.credentials.CredentialSource;
import dev.spillway.proxy.failover.TargetGate;
import dev.spillway.proxy.http.ChatCompletionsHandler;
import dev.spillway.proxy.http.ErrorHandlers;
import dev.spillway.proxy.http.Json;
import dev.spillway.proxy.http.ModelsHandler;
import dev.spillway.proxy.http.ProbeHandlers;
import dev.spillway.proxy.http.RequestBodyReader;
import dev.spillway.proxy.providers.ProviderContext;
import dev.spillway.proxy.resilience.ResilienceEngine;
import dev.spillway.proxy.stats.CountingGate;
import dev.spillway.proxy.stats.PolicyOutcomeRecorder;
import dev.spillway.proxy.stats.StatsHandler;
import dev.spillway.proxy.stats.StatsRegistry;
import dev.spillway.proxy.telemetry.Telemetry;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.handlers.HttpContinueReadHandler;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data plane: an Undertow server exposing the OpenAI-compatible API, routing each call over the
 * config in force.
 */
public final class ProxyServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);
  /** Threads for HTTP-client callbacks: they only parse and hand over, so a few suffice. */
  private static final int CALLBACK_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

  private final ProxyOptions options;
  private final ScheduledThreadPoolExecutor scheduler;
  private final ExecutorService callbacks;
  private final RuntimeConfig runtime;
  private final Telemetry telemetry;
  private final StatsRegistry stats = new StatsRegistry();
  private final Undertow server;
  private final ConfigSink sink;
  private final TargetGate gate;
  private volatile boolean started;

  public ProxyServer(ProxyOptions options, CredentialSource credentials) {
    this(options, credentials, Clock.systemUTC());
  }

  /**
   * With the resilience engine as the gate, on this clock (tests move time instead of waiting for
   * cool-downs, Retry-After and stats windows).
   */
  public ProxyServer(ProxyOptions options, CredentialSource credentials, Clock clock) {
    this(options, credentials, clock, new ResilienceEngine(clock));
  }

  public ProxyServer(ProxyOptions options, CredentialSource credentials, Clock clock, TargetGate gate) {
    this.options = options;
    this.gate = gate;
    this.scheduler = new ScheduledThreadPoolExecutor(1, daemon("spillway-timer"));
    // Cancelled timeouts (the usual case) should not linger in the queue until they would have fired.
    scheduler.setRemoveOnCancelPolicy(true);
    this.callbacks = Executors.newFixedThreadPool(CALLBACK_THREADS, daemon("spillway-upstream"));
    this.runtime = new RuntimeConfig(new ProviderContext(Json.MAPPER, scheduler, callbacks, clock));
    this.telemetry = new Telemetry(options.telemetry(), clock);
    if (gate instanceof ResilienceEngine engine) {
      telemetry.watchTargets(engine::stats);
    }
    // A gate with per-target state hears every new config too, to drop the state of removed targets.
    this.sink = gate instanceof ConfigSink gateSink
        ? config -> {
            runtime.accept(config);
            gateSink.accept(config);
            telemetry.configLoaded(config);
          }
        : config -> {
            runtime.accept(config);
            telemetry.configLoaded(config);
          };
    this.server =
        Undertow.builder()
            .addHttpListener(options.port(), options.host())
            .setHandler(routes(credentials, clock, new CountingGate(gate, stats), scheduler))
            .build();
  }

  private io.undertow.server.HttpHandler routes(
      CredentialSource credentials, Clock clock, TargetGate gate, ScheduledExecutorService timers) {
    return Handlers.routing()
        .post(
            "/v1/chat/completions",
            telemetry.observe(
                new PolicyOutcomeRecorder(stats,
                    // Sends "100 Continue" only once the body is read, so an oversized one is refused first.
                    new HttpContinueReadHandler(
                        new RequestBodyReader(
                            options.maxRequestBodyBytes(),
                            new ChatCompletionsHandler(runtime, gate, credentials, timers))))))
        .get("/v1/models", new ModelsHandler(runtime, clock))
        .get("/v1/spillway/stats", new StatsHandler(stats, runtime,
            () -> engine().map(ResilienceEngine::liveStats).orElse(Map.of())))
        .get("/healthz", ProbeHandlers.health())
        .get("/readyz", ProbeHandlers.ready(runtime))
        .get("/metrics", telemetry.metricsHandler())
        .setFallbackHandler(ErrorHandlers.notFound())
        .setInvalidMethodHandler(ErrorHandlers.methodNotAllowed());
  }

  /** The resilience engine when it is the gate (the default): budget listeners, stats. */
  public Optional<ResilienceEngine> engine() {
    return gate instanceof ResilienceEngine engine ? Optional.of(engine) : Optional.empty();
  }

  /** Traces, metrics and access log of this server. */
  public Telemetry telemetry() {
    return telemetry;
  }

  /** Where new configs go; until the first arrives, /readyz answers 503. */
  public ConfigSink configSink() {
    return sink;
  }

  public void start() {
    server.start();
    started = true;
    LOG.info("spillway proxy listening on {}:{}", options.host(), port());
  }

  /** The bound port (useful with port 0). */
  public int port() {
    if (!started) {
      throw new IllegalStateException("the server is not started");
    }
    return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
  }

  @Override
  public void close() {
    if (started) {
      server.stop();
      started = false;
    }
    runtime.close();
    telemetry.close(); // exports the spans still queued
    scheduler.shutdownNow();
    callbacks.shutdownNow();
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
