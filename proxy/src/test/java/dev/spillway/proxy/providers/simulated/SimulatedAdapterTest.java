package dev.spillway.proxy.providers.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.api.v1alpha1.ProviderKind;
import dev.spillway.config.AccountConfig;
import dev.spillway.config.HealthCheckConfig;
import dev.spillway.config.SimulationConfig.FaultConfig;
import dev.spillway.config.SimulationConfig.FaultKind;
import dev.spillway.config.SimulationConfig;
import dev.spillway.config.TargetConfig;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.proxy.providers.Cancellable;
import dev.spillway.proxy.providers.Completion;
import dev.spillway.proxy.providers.ProviderCall;
import dev.spillway.proxy.providers.ProviderContext;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.testing.MutableClock;
import dev.spillway.proxy.testing.RecordingStreamListener;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatedAdapterTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String REPLY = "one two three four five six";
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private final RecordingScheduler scheduler = new RecordingScheduler();
  private final MutableClock clock = new MutableClock(START);

  @AfterEach
  void stopScheduler() {
    scheduler.shutdownNow();
  }

  @Test
  void plainCallAnswersAChatCompletionAfterLatencyPlusJitter() throws Exception {
    SimulatedAdapter adapter = adapter(simulation(40, 20, 0, List.of()), 0.5);

    Completion completion = adapter.complete(call(false, false)).get(10, TimeUnit.SECONDS);

    assertThat(scheduler.delaysMs).containsExactly(50L);
    ObjectNode body = completion.body();
    assertThat(body.path("object").asText()).isEqualTo("chat.completion");
    assertThat(body.path("model").asText()).isEqualTo("sim-model-1");
    assertThat(body.path("id").asText()).startsWith("chatcmpl-sim-sim-");
    assertThat(body.path("created").asLong()).isEqualTo(START.getEpochSecond());
    assertThat(body.at("/choices/0/message/role").asText()).isEqualTo("assistant");
    assertThat(body.at("/choices/0/message/content").asText()).isEqualTo(REPLY);
    assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(completion.usage().promptTokens()).isPositive();
    assertThat(completion.usage().completionTokens()).isPositive();
    assertThat(body.at("/usage/total_tokens").asLong()).isEqualTo(completion.usage().totalTokens());
  }

  @Test
  void errorRateOneFailsEveryCallWithTheConfiguredStatus() {
    SimulatedAdapter adapter = adapter(new SimulationConfig(0, 0, 0, 1.0, 502, REPLY, List.of()), 0.5);

    ProviderFailure failure = failureOf(adapter.complete(call(false, false)));

    assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.HTTP);
    assertThat(failure.status()).isEqualTo(502);
    assertThat(failure.summary()).isEqualTo("http 502");
    assertThat(failure.clientError().at("/error/message").asText()).contains("502");
    assertThat(failure.clientError().at("/error/type").asText()).isEqualTo("server_error");
  }

  @Test
  void streamSendsRoleThenContentThenFinishThenUsageThenCompletes() {
    SimulatedAdapter adapter = adapter(simulation(0, 0, 1, List.of()), 0.5);
    RecordingStreamListener listener = new RecordingStreamListener();

    adapter.stream(call(true, true), listener);

    await().atMost(10, TimeUnit.SECONDS).until(listener::ended);
    List<ObjectNode> chunks = listener.chunks;
    assertThat(chunks).allSatisfy(c -> assertThat(c.path("object").asText()).isEqualTo("chat.completion.chunk"));
    assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
    assertThat(chunks.size()).isEqualTo(1 + 6 + 2);
    assertThat(listener.text()).isEqualTo(REPLY);
    assertThat(chunks.get(chunks.size() - 2).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    ObjectNode usage = chunks.get(chunks.size() - 1);
    assertThat(usage.path("choices")).isEmpty();
    assertThat(usage.at("/usage/completion_tokens").asLong()).isPositive();
    assertThat(listener.completions).hasValue(1);
    assertThat(listener.error()).isNull();
  }

  @Test
  void streamWithoutIncludeUsageHasNoUsageChunk() {
    SimulatedAdapter adapter = adapter(simulation(0, 0, 1, List.of()), 0.5);
    RecordingStreamListener listener = new RecordingStreamListener();

    adapter.stream(call(true, false), listener);

    await().atMost(10, TimeUnit.SECONDS).until(listener::ended);
    assertThat(listener.chunks).noneMatch(chunk -> chunk.has("usage"));
    assertThat(listener.chunks.get(listener.chunks.size() - 1).at("/choices/0/finish_reason").asText())
        .isEqualTo("stop");
    assertThat(listener.completions).hasValue(1);
  }

  @Test
  void errorFaultFailsOnlyInsideItsWindow() throws Exception {
    FaultConfig fault = new FaultConfig(FaultKind.ERROR, 1_000, 1_000, 0, 500, 0);
    SimulatedAdapter adapter = adapter(simulation(0, 0, 0, List.of(fault)), 0.5);

    assertThat(adapter.complete(call(false, false)).get(10, TimeUnit.SECONDS)).isNotNull();
    clock.advance(Duration.ofMillis(1_500));
    assertThat(failureOf(adapter.complete(call(false, false))).status()).isEqualTo(500);
    clock.advance(Duration.ofMillis(1_000));
    assertThat(adapter.complete(call(false, false)).get(10, TimeUnit.SECONDS)).isNotNull();
  }

  @Test
  void rateLimitFaultAnswers429WithRetryAfter() {
    SimulatedAdapter adapter = adapter(simulation(0, 0, 0, List.of(forever(FaultKind.RATE_LIMIT, 0))), 0.5);

    ProviderFailure failure = failureOf(adapter.complete(call(false, false)));

    assertThat(failure.status()).isEqualTo(429);
    assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(1));
    assertThat(failure.clientError().at("/error/type").asText()).isEqualTo("rate_limit_error");
  }

  @Test
  void errorFaultInAStreamFailsBeforeAnyChunk() {
    SimulatedAdapter adapter = adapter(simulation(0, 0, 0, List.of(forever(FaultKind.ERROR, 503))), 0.5);
    RecordingStreamListener listener = new RecordingStreamListener();

    adapter.stream(call(true, false), listener);

    await().atMost(10, TimeUnit.SECONDS).until(listener::ended);
    assertThat(listener.chunks).isEmpty();
    assertThat(listener.error().status()).isEqualTo(503);
  }

  @Test
  void slowFaultAnswersAfterTheFaultsLatency() throws Exception {
    FaultConfig slow = new FaultConfig(FaultKind.SLOW, 0, 0, 0, 0, 300);
    SimulatedAdapter adapter = adapter(simulation(5, 0, 0, List.of(slow)), 0.5);

    Completion completion = adapter.complete(call(false, false)).get(10, TimeUnit.SECONDS);

    assertThat(scheduler.delaysMs).containsExactly(300L);
    assertThat(completion.body().at("/choices/0/message/content").asText()).isEqualTo(REPLY);
  }

  @Test
  void emptyFaultAnswers200WithEmptyContent() throws Exception {
    SimulatedAdapter adapter = adapter(simulation(0, 0, 0, List.of(forever(FaultKind.EMPTY, 0))), 0.5);
    RecordingStreamListener listener = new RecordingStreamListener();

    Completion completion = adapter.complete(call(false, false)).get(10, TimeUnit.SECONDS);
    adapter.stream(call(true, false), listener);

    assertThat(completion.body().at("/choices/0/message/content").asText()).isEmpty();
    await().atMost(10, TimeUnit.SECONDS).until(listener::ended);
    assertThat(listener.text()).isEmpty();
    assertThat(listener.completions).hasValue(1);
  }

  @Test
  void cutFaultStopsAStreamMidWayWithAnErrorButAnswersPlainCalls() throws Exception {
    SimulatedAdapter adapter = adapter(simulation(0, 0, 1, List.of(forever(FaultKind.CUT, 0))), 0.5);
    RecordingStreamListener listener = new RecordingStreamListener();

    adapter.stream(call(true, true), listener);

    await().atMost(10, TimeUnit.SECONDS).until(listener::ended);
    assertThat(listener.text()).isNotEmpty().isNotEqualTo(REPLY);
    assertThat(REPLY).startsWith(listener.text());
    assertThat(listener.error().kind()).isEqualTo(ProviderFailure.Kind.PROTOCOL);
    assertThat(listener.error().summary()).isEqualTo("stream cut");
    assertThat(listener.completions).hasValue(0);
    Completion plain = adapter.complete(call(false, false)).get(10, TimeUnit.SECONDS);
    assertThat(plain.body().at("/choices/0/message/content").asText()).isEqualTo(REPLY);
  }

  @Test
  void hangNeverAnswersAndCancelReleasesIt() {
    SimulatedAdapter adapter = adapter(simulation(0, 0, 0, List.of(forever(FaultKind.HANG, 0))), 0.5);
    RecordingStreamListener listener = new RecordingStreamListener();

    CompletableFuture<Completion> plain = adapter.complete(call(false, false));
    Cancellable stream = adapter.stream(call(true, false), listener);

    assertThat(scheduler.delaysMs).as("a hang holds no timer").isEmpty();
    assertThat(plain).isNotDone();
    assertThat(plain.cancel(true)).isTrue();
    stream.cancel();
    assertThat(plain).isCancelled();
    assertThat(listener.chunks).isEmpty();
    assertThat(listener.ended()).isFalse();
  }

  @Test
  void cancellingAPendingCallStopsItsTimer() {
    SimulatedAdapter adapter = adapter(simulation(60_000, 0, 0, List.of()), 0.5);

    CompletableFuture<Completion> plain = adapter.complete(call(false, false));
    assertThat(scheduler.pendingTimers()).isEqualTo(1);
    plain.cancel(true);

    assertThat(scheduler.pendingTimers()).isZero();
  }

  @Test
  void cancellingAStreamMidWayStopsFurtherChunks() {
    SimulatedAdapter adapter = adapter(simulation(0, 0, 60_000, List.of()), 0.5);
    RecordingStreamListener listener = new RecordingStreamListener();

    Cancellable stream = adapter.stream(call(true, false), listener);
    await().atMost(10, TimeUnit.SECONDS).until(() -> listener.chunks.size() == 1);
    await().atMost(10, TimeUnit.SECONDS).until(() -> scheduler.pendingTimers() == 1);
    stream.cancel();

    assertThat(scheduler.pendingTimers()).isZero();
    assertThat(listener.chunks).hasSize(1);
    assertThat(listener.ended()).isFalse();
  }

  private SimulatedAdapter adapter(SimulationConfig simulation, double dice) {
    ProviderContext context = new ProviderContext(MAPPER, scheduler, Runnable::run, clock);
    return new SimulatedAdapter(account(simulation), context, () -> dice);
  }

  private static SimulationConfig simulation(long latency, long jitter, long gap, List<FaultConfig> faults) {
    return new SimulationConfig(latency, jitter, gap, 0, 503, REPLY, faults);
  }

  private static FaultConfig forever(FaultKind kind, int status) {
    return new FaultConfig(kind, 0, 0, 0, status, 0);
  }

  private static AccountConfig account(SimulationConfig simulation) {
    return new AccountConfig("sim", ProviderKind.SIMULATED, null, null, null, null, false, Map.of(),
        TimeoutConfig.DEFAULTS, null, null, HealthCheckConfig.DISABLED, simulation);
  }

  private static ProviderCall call(boolean stream, boolean includeUsage) {
    ObjectNode request = MAPPER.createObjectNode().put("model", "sim-model-1").put("stream", stream);
    request.putArray("messages").addObject().put("role", "user").put("content", "Say hello to the team");
    if (includeUsage) {
      request.putObject("stream_options").put("include_usage", true);
    }
    TargetConfig target = new TargetConfig("sim/sim-model-1", "sim", "sim-model-1", 1, 1, null, null);
    return new ProviderCall(target, account(null), request, null, TimeoutConfig.DEFAULTS);
  }

  private static ProviderFailure failureOf(CompletableFuture<Completion> future) {
    ExecutionException thrown =
        catchThrowableOfType(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
    assertThat(thrown.getCause()).isInstanceOf(ProviderFailure.class);
    return (ProviderFailure) thrown.getCause();
  }
}
