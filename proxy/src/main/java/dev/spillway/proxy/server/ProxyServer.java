package dev.spillway.proxy.server;

import dev.spillway.proxy.admin.AdminGuard;
import dev.spillway.proxy.auth.AuthHandler;
import dev.spillway.proxy.auth.Authenticator;
import dev.spillway.proxy.config.ConfigSink;
import dev.spillway.proxy.config.RuntimeConfig;
import dev.spillway.proxy.config.Snapshot;
import dev.spillway.proxy.consumers.ConsumerQuotas;
import dev.spillway.proxy.credentials.CredentialSource;
import dev.spillway.proxy.eval.EvalCallObserver;
import dev.spillway.proxy.eval.EvalHandler;
import dev.spillway.proxy.eval.SnapshotCaller;
import dev.spillway.proxy.eval.TargetCaller;
import dev.spillway.proxy.failover.TargetGate;
import dev.spillway.proxy.dialects.DialectHandler;
import dev.spillway.proxy.dialects.messages.AnthropicShapes;
import dev.spillway.proxy.dialects.messages.MessagesDialect;
import dev.spillway.proxy.dialects.responses.ResponsesDialect;
import dev.spillway.proxy.resilience.health.AccountProbes;
import dev.spillway.proxy.http.CallRouter;
import dev.spillway.proxy.http.ErrorShape;
import dev.spillway.proxy.http.ChatCompletionsHandler;
import dev.spillway.proxy.http.CrossOriginGuard;
import dev.spillway.proxy.http.ErrorHandlers;
import dev.spillway.proxy.http.Json;
import dev.spillway.proxy.http.ModelsHandler;
import dev.spillway.proxy.http.ProbeHandlers;
import dev.spillway.proxy.http.RequestBodyReader;
import dev.spillway.proxy.http.RequestIds;
import dev.spillway.proxy.live.LiveSurface;
import dev.spillway.proxy.media.MediaHandler;
import dev.spillway.proxy.media.MediaOperation;
import dev.spillway.proxy.providers.ProviderContext;
import dev.spillway.proxy.providers.http.BufferPools;
import dev.spillway.proxy.providers.http.EventLoopClient;
import dev.spillway.proxy.quality.DriftMonitor;
import dev.spillway.proxy.quality.QualityGuard;
import dev.spillway.proxy.quality.QualityMetrics;
import dev.spillway.proxy.quality.QualityProber;
import dev.spillway.proxy.quality.QualitySignal;
import dev.spillway.proxy.quality.QualityStatusHandler;
import dev.spillway.proxy.quality.ChatChecks;
import dev.spillway.proxy.resilience.ResilienceEngine;
import dev.spillway.proxy.shared.SharedState;
import dev.spillway.proxy.rollout.RolloutArms;
import dev.spillway.proxy.rollout.RolloutTelemetry;
import dev.spillway.proxy.rollout.RolloutsHandler;
import dev.spillway.proxy.rollout.ShadowMirror;
import dev.spillway.proxy.secrets.KnownSecrets;
import dev.spillway.proxy.stats.CountingGate;
import dev.spillway.proxy.stats.PolicyOutcomeRecorder;
import dev.spillway.proxy.events.TransitionLog;
import dev.spillway.proxy.events.TransitionsHandler;
import dev.spillway.proxy.stats.StatsHandler;
import dev.spillway.proxy.stats.StatsRegistry;
import dev.spillway.proxy.telemetry.Telemetry;
import dev.spillway.proxy.video.VideoHandlers;
import dev.spillway.proxy.video.VideoJobs;
import io.undertow.Handlers;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.HttpContinueReadHandler;
import org.xnio.OptionMap;
import org.xnio.XnioWorker;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
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
  private static final int MEDIA_CHECK_THREADS = 2;

  private final ProxyOptions options;
  private final ScheduledThreadPoolExecutor scheduler;
  private final ExecutorService callbacks;
  private final RuntimeConfig runtime;
  private final Telemetry telemetry;
  private final QualityGuard quality;
  private final QualityProber prober;
  /** Active health checks of the accounts that ask for them; absent when the gate is not the engine. */
  private final Optional<AccountProbes> accountProbes;
  /** Judges media answers: image and audio decoding is too slow for the upstream callback threads. */
  private final ExecutorService mediaChecks;
  private final StatsRegistry stats = new StatsRegistry();
  private final Authenticator authenticator;
  private final ConsumerQuotas consumers;
  private final TransitionLog transitions;
  /** The live page on the admin port: fed finished calls, transitions and reloads. */
  private final LiveSurface live;
  private final HttpHandler publicHandler;
  private final HttpHandler adminHandler;
  private HttpListeners listeners;
  /** Cleartext upstream calls, on the server's own IO threads once it starts. */
  private final EventLoopClient eventLoop;
  private XnioWorker worker;
  private final ConfigSink sink;
  private final TargetGate gate;
  /** The rollouts' arms around the gate: canary splits, shadow mirroring, guards and rollback. */
  private final RolloutArms rollouts;
  private final EvalHandler evals;
  /** Every key the process holds, scrubbed from every upstream byte. */
  private final KnownSecrets secrets = new KnownSecrets();
  private volatile boolean started;

  public ProxyServer(ProxyOptions options, CredentialSource credentials) {
    this(options, credentials, Clock.systemUTC());
  }

  /**
   * With the resilience engine as the gate, on this clock (tests move time instead of waiting for
   * cool-downs, Retry-After and stats windows).
   */
  public ProxyServer(ProxyOptions options, CredentialSource credentials, Clock clock) {
    this(options, credentials, clock, new DriftMonitor());
  }

  /** The engine reads the drift detector's signal; the detector feeds drift alarms to the engine. */
  private ProxyServer(ProxyOptions options, CredentialSource credentials, Clock clock, DriftMonitor drift) {
    this(options, credentials, clock, new ResilienceEngine(clock, drift,
        options.sharedState().enabled() ? SharedState.open(options.sharedState(), clock) : null, options.region()),
        drift);
  }

  public ProxyServer(ProxyOptions options, CredentialSource credentials, Clock clock, TargetGate gate) {
    this(options, credentials, clock, gate, new DriftMonitor());
  }

  private ProxyServer(
      ProxyOptions options, CredentialSource source, Clock clock, TargetGate gate, DriftMonitor drift) {
    this.options = options;
    CredentialSource credentials = secrets.remembering(source);
    this.gate = gate;
    this.scheduler = new ScheduledThreadPoolExecutor(1, daemon("spillway-timer"));
    // Cancelled timeouts (the usual case) should not linger in the queue until they would have fired.
    scheduler.setRemoveOnCancelPolicy(true);
    this.callbacks = Executors.newFixedThreadPool(CALLBACK_THREADS, daemon("spillway-upstream"));
    this.eventLoop = new EventLoopClient(callbacks, options.upstreams());
    this.runtime = new RuntimeConfig(new ProviderContext(Json.MAPPER, scheduler, callbacks, clock, eventLoop, options.upstreams(), secrets));
    this.telemetry = new Telemetry(options.telemetry(), clock);
    this.quality = new QualityGuard(Json.MAPPER, drift, gate);
    QualityMetrics.register(telemetry.registry(), drift);
    this.prober = new QualityProber(runtime::current, credentials, quality, clock);
    this.mediaChecks = Executors.newFixedThreadPool(MEDIA_CHECK_THREADS, daemon("spillway-media-checks"));
    this.transitions = new TransitionLog(TransitionLog.DEFAULT_CAPACITY, clock);
    drift.onDriftChange(transitions::drift);
    this.accountProbes = gate instanceof ResilienceEngine engine
        ? Optional.of(new AccountProbes(runtime::current, credentials, engine.probes(), clock,
            new ProbeReports(telemetry.registry(), engine, transitions)))
        : Optional.empty();
    Optional<SharedState> shared = engine().flatMap(ResilienceEngine::shared);
    if (gate instanceof ResilienceEngine engine) {
      telemetry.watchTargets(engine::stats);
      engine.publishTransitionsTo(transitions);
      drift.onDriftChange(engine::driftChanged);
      shared.ifPresent(state -> state.bindTo(telemetry.registry()));
    }
    this.live = new LiveSurface(transitions, scheduler, clock, () -> runtime.current().map(Snapshot::config),
        () -> engine().map(ResilienceEngine::stats).orElse(List.of()), drift, options.telemetry().traceUrlTemplate());
    telemetry.onCall(live.feed()::called);
    RolloutTelemetry rolloutTelemetry = new RolloutTelemetry(telemetry);
    // Shadow calls are recorded by the arms (with their checks); eval and judge calls by the caller.
    TargetCaller shadowCalls = new SnapshotCaller(runtime::current, credentials, System::nanoTime, EvalCallObserver.NONE);
    this.rollouts = new RolloutArms(new CountingGate(gate, stats), clock, () -> ThreadLocalRandom.current().nextDouble(),
        drift, new ShadowMirror(shadowCalls, new ChatChecks(Json.MAPPER)), rolloutTelemetry);
    this.evals = new EvalHandler(runtime::current,
        new SnapshotCaller(runtime::current, credentials, System::nanoTime, rolloutTelemetry));
    // Every valid client key presented is learned, so upstream bytes are scrubbed of it too.
    this.authenticator = new Authenticator(options.auth(), clock, telemetry.registry(), secrets::learn);
    this.consumers = new ConsumerQuotas(clock, telemetry.registry(), shared.orElse(null));
    // A gate with per-target state hears every new config too, to drop the state of removed targets.
    List<ConfigSink> sinks = new ArrayList<>(List.of(
        config -> secrets.learnAccounts(config, credentials), runtime, authenticator, consumers, rollouts::accept,
        telemetry::configLoaded, live.feed()::configLoaded));
    if (gate instanceof ConfigSink gateSink) {
      sinks.add(2, gateSink);
    }
    this.sink = config -> sinks.forEach(each -> each.accept(config));
    CallRouter router = new CallRouter(runtime, rollouts, credentials, consumers);
    // Request ids on the public API, where clients and providers correlate calls.
    this.publicHandler = new RequestIds(publicRoutes(router, clock, scheduler));
    this.adminHandler = AdminGuard.wrap(options.admin(), adminRoutes());
  }

  /**
   * The public port: the model APIs and the health probes, nothing else (anything operator-facing
   * goes in {@link #adminRoutes}). An endpoint whose clients parse another error shape than OpenAI's
   * attaches it outside {@link #model}, so authentication and consumer refusals answer in it too.
   */
  private HttpHandler publicRoutes(CallRouter router, Clock clock, ScheduledExecutorService timers) {
    ModelsHandler models = new ModelsHandler(runtime, clock);
    VideoHandlers videos =
        new VideoHandlers(new VideoJobs(router, quality, timers, mediaChecks, clock), router, telemetry);
    return Handlers.routing()
        .post("/v1/chat/completions", model(new ChatCompletionsHandler(router, timers, quality)))
        .post("/v1/responses", model(new DialectHandler(new ResponsesDialect(), router, timers, quality)))
        .post("/v1/messages", ErrorShape.attach(AnthropicShapes::error,
            model(new DialectHandler(new MessagesDialect(), router, timers, quality))))
        .post("/v1/embeddings", model(new MediaHandler<>(MediaOperation.EMBEDDINGS, router, timers, quality, mediaChecks)))
        .post("/v1/images/generations", model(new MediaHandler<>(MediaOperation.IMAGES, router, timers, quality, mediaChecks)))
        .post("/v1/audio/transcriptions", model(new MediaHandler<>(MediaOperation.TRANSCRIPTIONS, router, timers, quality, mediaChecks)))
        .post("/v1/audio/speech", model(new MediaHandler<>(MediaOperation.SPEECH, router, timers, quality, mediaChecks)))
        .post("/v1/videos", model(videos.create()))
        .get("/v1/videos", new AuthHandler(authenticator, videos.list()))
        .get("/v1/videos/{id}", new AuthHandler(authenticator, videos.retrieve()))
        .get("/v1/videos/{id}/content", new AuthHandler(authenticator, videos.content()))
        .delete("/v1/videos/{id}", new AuthHandler(authenticator, videos.delete()))
        .get("/v1/models", new AuthHandler(authenticator, models.list()))
        .get("/v1/models/{id}", new AuthHandler(authenticator, models.retrieve()))
        .get("/healthz", ProbeHandlers.health())
        .get("/readyz", ProbeHandlers.ready(runtime))
        .setFallbackHandler(ErrorHandlers.notFound())
        .setInvalidMethodHandler(ErrorHandlers.methodNotAllowed());
  }

  /**
   * The admin port: metrics, stats, quality, the live page and every other endpoint for the operator and
   * Prometheus, whom alone the chart's NetworkPolicy lets reach it. Probes answer here too.
   */
  private HttpHandler adminRoutes() {
    return live.routes(Handlers.routing())
        .get("/metrics", telemetry.metricsHandler())
        .get("/v1/spillway/stats", new StatsHandler(stats, runtime,
            () -> engine().map(ResilienceEngine::liveStats).orElse(Map.of()), consumers::stats,
            () -> engine().flatMap(ResilienceEngine::shared).map(SharedState::stats).orElse(null)))
        .get("/v1/spillway/quality", new QualityStatusHandler(quality.drift()))
        .get("/v1/spillway/transitions", new TransitionsHandler(transitions))
        .post("/v1/spillway/evals", new RequestBodyReader(options.maxRequestBodyBytes(), options.clients().bodyIdleMs(), evals))
        .get("/v1/spillway/rollouts", new RolloutsHandler(rollouts))
        .get("/healthz", ProbeHandlers.health())
        .get("/readyz", ProbeHandlers.ready(runtime))
        .setFallbackHandler(ErrorHandlers.notFound())
        .setInvalidMethodHandler(ErrorHandlers.methodNotAllowed());
  }

  /**
   * Every model endpoint: traced, authenticated (before the body is read), counted per policy,
   * browsers' cross-origin simple requests refused, and its body read within the size and time
   * limits.
   */
  private HttpHandler model(HttpHandler endpoint) {
    return telemetry.observe(new AuthHandler(authenticator,
        new PolicyOutcomeRecorder(stats, new CrossOriginGuard(
            // Sends "100 Continue" only once the body is read, so an oversized one is refused first.
            new HttpContinueReadHandler(
                new RequestBodyReader(options.maxRequestBodyBytes(), options.clients().bodyIdleMs(), endpoint))))));
  }

  /** Who may call, as the config in force and the auth mode decide. */
  public Authenticator authenticator() {
    return authenticator;
  }

  /** This replica's transition log: read with a cursor over HTTP, or subscribed to in process. */
  public TransitionLog transitions() {
    return transitions;
  }

  /** Each target's answer quality as drift detection sees it: what scoring and triggers read. */
  public QualitySignal qualitySignal() {
    return quality.drift();
  }

  /** The quality guard: drift states for status, and where answers are judged. */
  public QualityGuard quality() {
    return quality;
  }

  /** The resilience engine when it is the gate (the default): budget listeners, stats. */
  public Optional<ResilienceEngine> engine() {
    return gate instanceof ResilienceEngine engine ? Optional.of(engine) : Optional.empty();
  }

  /** The live page's part of the admin port (in a cluster, told where the operator's figures are). */
  public LiveSurface live() {
    return live;
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
    // The server and the upstream client share one worker, so an upstream call is sent, answered
    // and written back on the IO thread that read the request (see EventLoopClient).
    worker = ServerWorker.create();
    eventLoop.start(worker);
    listeners =
        HttpListeners.open(
            worker,
            BufferPools.direct(BufferPools.SERVER_BUFFER_BYTES),
            options.host(),
            // Slow or stalled clients: headers must arrive in time, idle kept-alive connections
            // are closed, headers are bounded (bodies: RequestBodyReader).
            OptionMap.builder()
                .set(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int) options.clients().headerTimeoutMs())
                .set(UndertowOptions.NO_REQUEST_TIMEOUT, (int) options.clients().keepAliveIdleMs())
                .set(UndertowOptions.MAX_HEADER_SIZE, options.clients().maxHeaderBytes())
                .getMap(),
            List.of(
                new HttpListeners.Port(options.port(), publicHandler),
                new HttpListeners.Port(options.adminPort(), adminHandler)));
    scheduler.scheduleWithFixedDelay(this::probeQuality, 1, 1, TimeUnit.SECONDS);
    started = true;
    LOG.info("spillway proxy listening on {}:{} (admin endpoints on port {}), auth {}", options.host(), port(),
        adminPort(), options.auth().wireName());
  }

  private void probeQuality() {
    try {
      prober.tick();
      accountProbes.ifPresent(AccountProbes::tick);
    } catch (RuntimeException e) {
      // A failed tick must not cancel the schedule: the next one tries again.
      LOG.warn("probes failed", e);
    }
  }

  /** The accounts' active health checks, when the gate is the resilience engine (tests tick them). */
  public Optional<AccountProbes> accountProbes() {
    return accountProbes;
  }

  /** The bound public port (useful with port 0). */
  public int port() {
    return boundPort(0);
  }

  /** The bound admin port (useful with port 0). */
  public int adminPort() {
    return boundPort(1);
  }

  private int boundPort(int listener) {
    if (!started) {
      throw new IllegalStateException("the server is not started");
    }
    return listeners.port(listener);
  }

  @Override
  public void close() {
    if (started) {
      listeners.close();
      started = false;
    }
    if (worker != null) {
      worker.shutdown(); // ours, not Undertow's: it does not stop a worker it was given
    }
    runtime.close();
    live.close();
    telemetry.close(); // exports the spans still queued
    scheduler.shutdownNow();
    callbacks.shutdownNow();
    mediaChecks.shutdownNow();
    engine().flatMap(ResilienceEngine::shared).ifPresent(SharedState::close);
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
