package dev.spillway.jmh;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.api.v1alpha1.ProviderKind;
import dev.spillway.bench.load.Prompts;
import dev.spillway.config.AccountConfig;
import dev.spillway.config.CapabilitySet;
import dev.spillway.config.CircuitBreakerConfig;
import dev.spillway.config.DefaultsConfig;
import dev.spillway.config.HealthCheckConfig;
import dev.spillway.config.MatchConfig;
import dev.spillway.config.ModelConfig;
import dev.spillway.config.PolicyConfig;
import dev.spillway.config.PricingConfig;
import dev.spillway.config.RetryConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.config.ScoringConfig;
import dev.spillway.config.SecretRef;
import dev.spillway.config.TargetConfig;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.config.TimeoutOverrides;
import dev.spillway.config.TriggersConfig;
import dev.spillway.proxy.config.Snapshot;
import dev.spillway.proxy.credentials.CredentialSource;
import dev.spillway.proxy.credentials.EnvCredentials;
import dev.spillway.proxy.failover.CandidateCursor;
import dev.spillway.proxy.failover.TargetGate;
import dev.spillway.proxy.failover.AnswerCheck;
import dev.spillway.proxy.failover.PlainCall;
import dev.spillway.proxy.failover.Served;
import dev.spillway.proxy.http.ChatCompletionsHandler;
import dev.spillway.proxy.http.Json;
import dev.spillway.proxy.passthrough.ObjectReading;
import dev.spillway.proxy.passthrough.SplicedObject;
import dev.spillway.proxy.providers.Cancellable;
import dev.spillway.proxy.providers.Completion;
import dev.spillway.proxy.providers.ProviderAdapter;
import dev.spillway.proxy.providers.ProviderCall;
import dev.spillway.proxy.providers.StreamListener;
import dev.spillway.proxy.providers.Usage;
import dev.spillway.proxy.quality.QualityGuard;
import dev.spillway.proxy.resilience.ResilienceEngine;
import dev.spillway.proxy.routing.CandidatePlanner;
import dev.spillway.proxy.routing.Plan;
import dev.spillway.proxy.routing.PolicyMatcher;
import dev.spillway.proxy.routing.RequestFacts;
import dev.spillway.proxy.telemetry.CallObserver;
import dev.spillway.proxy.routing.RequestParser;
import dev.spillway.proxy.routing.RequestShaper;
import dev.spillway.proxy.stats.CountingGate;
import dev.spillway.proxy.stats.StatsRegistry;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Java work of one plain chat request between the HTTP server and the upstream transport, as
 * the benchmark harness sends it (the bench's config: one account, one target, the default policy):
 * parse and validate the body, match the policy, plan, score and admit, start the call with its
 * timeout, judge the answer with the default quality checks, count it, and build the routing headers
 * and the response bytes. The upstream is an adapter that serialises the request and parses the mock
 * upstream's answer, as the real one does (the client's bytes spliced, the answer read keeping its
 * bytes), without a network; Undertow's own parsing and writing
 * are left out. Run with {@code -prof gc} for the allocation per request. Forked with the Vector API
 * module, as the image runs the proxy (the long prompts' scan); {@code -jvmArgsAppend -Dnone}
 * (replacing it) measures without.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class RequestPathBenchmark {
  /**
   * The request's size: {@code 1}, {@code 20}, {@code 200} messages of a conversation (one is the
   * body the benchmark harness sends, 20 about 1.5 kB, 200 about 15 kB), or one user message
   * whose text makes the body {@code 1KB}, {@code 64KB} or {@code 1MB}: where per-request work
   * that grows with the body shows.
   */
  @Param({"1", "20", "200", "1KB", "64KB", "1MB"})
  public String prompt;

  private byte[] request;
  /** The mock upstream's answer (bench MockUpstream). */
  private static final byte[] ANSWER =
      ("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"gpt-4o-mini\","
              + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello! How can I help you today?\"},"
              + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":9,\"total_tokens\":18}}")
          .getBytes(StandardCharsets.UTF_8);

  private ScheduledThreadPoolExecutor timers;
  private Snapshot snapshot;
  private TargetGate gate;
  private CredentialSource credentials;
  private QualityGuard quality;
  private HttpServerExchange exchange;

  @Setup
  public void setUp() {
    request = Prompts.request(prompt).getBytes(StandardCharsets.UTF_8);
    // A context window the 1 MB prompt fits (~262k tokens at four characters a token).
    CapabilitySet capabilities = new CapabilitySet(true, false, false, false, false, 1 << 20);
    AccountConfig account = new AccountConfig("mock", ProviderKind.OPENAI_COMPATIBLE, "http://127.0.0.1:1/v1",
        new SecretRef("mock", "api-key"), null, null, false, Map.of(), TimeoutConfig.DEFAULTS, null, null,
        HealthCheckConfig.DISABLED, null);
    TargetConfig target = new TargetConfig(TargetConfig.idOf("mock", "gpt-4o-mini"), "mock", "gpt-4o-mini", 1, 1,
        capabilities, new PricingConfig(0.15, 0.6, 0));
    ModelConfig model = new ModelConfig("gpt-4o-mini", null, capabilities, DefaultsConfig.NONE,
        List.of(target), null, List.of());
    // As the compiler's built-in default policy.
    PolicyConfig defaultPolicy = new PolicyConfig(PolicyConfig.DEFAULT_NAME, Integer.MIN_VALUE, MatchConfig.ANY,
        List.of(), null, 0, TimeoutOverrides.NONE, TriggersConfig.NONE, CircuitBreakerConfig.DEFAULTS,
        RetryConfig.NONE, null, null, null, ScoringConfig.DEFAULTS);
    RouterConfig config = new RouterConfig("bench", "bench", Map.of("mock", account), Map.of("gpt-4o-mini", model),
        List.of(), defaultPolicy);
    ResilienceEngine engine = new ResilienceEngine(Clock.systemUTC());
    engine.accept(config);
    snapshot = new Snapshot(config, Map.of("mock", new MockAdapter()));
    timers = new ScheduledThreadPoolExecutor(1);
    timers.setRemoveOnCancelPolicy(true);
    gate = new CountingGate(engine, new StatsRegistry());
    credentials = new EnvCredentials(Map.of(EnvCredentials.variableName("mock", "api-key"), "sk-bench-0123456789"));
    quality = new QualityGuard(Json.MAPPER, engine);
    exchange = new HttpServerExchange(null);
    exchange.getRequestHeaders().put(new HttpString("Authorization"), "Bearer sk-bench-0123456789");
    exchange.getRequestHeaders().put(new HttpString("Content-Type"), "application/json");
    exchange.getRequestHeaders().put(new HttpString("Host"), "127.0.0.1:9100");
  }

  @TearDown
  public void tearDown() {
    timers.shutdownNow();
  }

  /** What ChatCompletionsHandler does for a plain request, up to the bytes Undertow sends. */
  @Benchmark
  public byte[] plainChat() {
    ObjectNode body = ChatCompletionsHandler.parse(request);
    RequestFacts facts = RequestParser.parse(body, ChatCompletionsHandler.headers(exchange));
    // CallRouter.route, which needs the RuntimeConfig (real adapters) for its snapshot.
    RouterConfig config = snapshot.config();
    PolicyConfig policy = PolicyMatcher.match(config, facts);
    Plan plan = gate.arrange(CandidatePlanner.plan(config, policy, facts), facts, body);
    CandidateCursor cursor = new CandidateCursor(
        plan, snapshot, body, facts.model(), gate, credentials, CallObserver.of(exchange), RequestShaper::shape);
    AnswerCheck answerCheck = quality.forChat(policy, body);
    Served<Completion> served = PlainCall.start(cursor, timers, answerCheck).result().join();
    ChatCompletionsHandler.headers(cursor, config, served.attempt());
    return Json.bytes(served.completion().body());
  }

  /** The upstream without a network: writes the request and reads the answer, as the OpenAI adapter does. */
  private static final class MockAdapter implements ProviderAdapter {
    private static final ObjectReading ANSWERS = new ObjectReading(Json.MAPPER);

    @Override
    public CompletableFuture<Completion> complete(ProviderCall call) {
      try {
        SplicedObject.pieces(call.request(), Json.MAPPER).buffers(0); // what the event-loop transport writes
        ObjectNode body = ANSWERS.read(ANSWER).orElseThrow();
        return CompletableFuture.completedFuture(new Completion(body, Usage.fromOpenAi(body.get("usage"))));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public Cancellable stream(ProviderCall call, StreamListener listener) {
      throw new UnsupportedOperationException("plain calls only");
    }
  }
}
