package dev.spillway.proxy.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.config.RouterConfig;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.proxy.config.Snapshot;
import dev.spillway.proxy.failover.AnswerCheck;
import dev.spillway.proxy.failover.Attempt;
import dev.spillway.proxy.failover.CandidateCursor;
import dev.spillway.proxy.failover.HealthMarks;
import dev.spillway.proxy.http.ApiError;
import dev.spillway.proxy.providers.Cancellable;
import dev.spillway.proxy.providers.ChunkFacts;
import dev.spillway.proxy.providers.Completion;
import dev.spillway.proxy.providers.ProviderAdapter;
import dev.spillway.proxy.providers.ProviderCall;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.StreamListener;
import dev.spillway.proxy.routing.CandidatePlanner;
import dev.spillway.proxy.routing.RequestFacts;
import dev.spillway.proxy.testing.ConfigBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stream driver against scripted adapters: every upstream event is played by the test. */
class StreamCallTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final FakeAdapter first = new FakeAdapter();
  private final FakeAdapter second = new FakeAdapter();
  private final RecordingClient client = new RecordingClient();
  private final CompletableFuture<ApiError> rejected = new CompletableFuture<>();

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  private StreamCall call(TimeoutConfig timeouts) throws Exception {
    return call(timeouts, AnswerCheck.NONE);
  }

  private StreamCall call(TimeoutConfig timeouts, AnswerCheck check) throws Exception {
    RouterConfig config = ConfigBuilder.create()
        .account("one", "http://unused", timeouts, null)
        .account("two", "http://unused", timeouts, null)
        .model("chat", m -> m.target("one", "m1").target("two", "m2"))
        .build();
    RequestFacts facts = new RequestFacts("chat", true, null, null, null, false, false, false, false, 1, Map.of());
    ObjectNode request = (ObjectNode) MAPPER.readTree("{\"model\":\"chat\",\"stream\":true,\"messages\":[]}");
    CandidateCursor cursor = new CandidateCursor(
        CandidatePlanner.plan(config, config.defaultPolicy(), facts),
        new Snapshot(config, Map.of("one", first, "two", second)),
        request, "chat", new HealthMarks(Clock.systemUTC()), ref -> Optional.empty());
    StreamCall call = new StreamCall(cursor, scheduler, client,
        attempt -> Map.of("x-spillway-served-by", attempt.targetId()), rejected::complete, check);
    call.start();
    return call;
  }

  private static ObjectNode chunk(String delta) {
    try {
      return (ObjectNode) MAPPER.readTree("{\"choices\":[{\"delta\":" + delta + "}]}");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static final ObjectNode ROLE = chunk("{\"role\":\"assistant\",\"content\":\"\"}");
  private static final ObjectNode TOKEN = chunk("{\"content\":\"Hi\"}");

  @Test
  void preambleIsHeldUntilTheFirstTokenThenReleasedInOrder() throws Exception {
    call(TimeoutConfig.DEFAULTS);
    first.listener().onChunk(ROLE);
    assertThat(client.log).isEmpty();

    first.listener().onChunk(TOKEN);
    first.listener().onComplete();

    assertThat(client.log).containsExactly("open one/m1", "event " + ROLE, "event " + TOKEN, "done");
  }

  @Test
  void aPrefixHeldForTheCheckGoesOutAtTheHoldsBoundWhenNoFurtherChunkComes() throws Exception {
    // A check that wants more words than the first chunk has, for at most 100 ms (as the
    // repetition check holds a stream's opening): the model's next word is far away.
    long boundNanos = Duration.ofMillis(100).toNanos();
    AnswerCheck holding = new AnswerCheck() {
      @Override
      public Optional<ProviderFailure> plain(Attempt attempt, Completion completion) {
        return Optional.empty();
      }

      @Override
      public AnswerCheck.StreamWatch stream(Attempt attempt) {
        return new AnswerCheck.StreamWatch() {
          private long first;

          @Override
          public void chunk(ChunkFacts chunk) {}

          @Override
          public boolean holdLonger() {
            first = first == 0 ? System.nanoTime() : first;
            return System.nanoTime() - first < boundNanos;
          }

          @Override
          public long holdLeftNanos() {
            return boundNanos - (System.nanoTime() - first);
          }

          @Override
          public Optional<ProviderFailure> beforeRelease() {
            return Optional.empty();
          }

          @Override
          public void ended() {}
        };
      }
    };
    call(TimeoutConfig.DEFAULTS, holding);
    long sent = System.nanoTime();
    first.listener().onChunk(TOKEN);
    assertThat(client.log).isEmpty();

    await().atMost(Duration.ofSeconds(5)).until(() -> client.log.size() == 2);
    assertThat(System.nanoTime() - sent).isGreaterThanOrEqualTo(boundNanos);
    assertThat(client.log).containsExactly("open one/m1", "event " + TOKEN);

    first.listener().onChunk(TOKEN);
    first.listener().onComplete();
    assertThat(client.log).containsExactly("open one/m1", "event " + TOKEN, "event " + TOKEN, "done");
  }

  @Test
  void failureBeforeTheFirstTokenMovesOnAndIgnoresTheOldAttempt() throws Exception {
    call(TimeoutConfig.DEFAULTS);
    StreamListener old = first.listener();
    old.onChunk(ROLE);
    old.onError(ProviderFailure.protocol("stream cut"));
    old.onChunk(TOKEN); // a late callback of the abandoned attempt

    second.listener().onChunk(TOKEN);
    second.listener().onComplete();

    assertThat(client.log).containsExactly("open two/m2", "event " + TOKEN, "done");
    assertThat(first.cancelled).isTrue();
  }

  @Test
  void failureAfterTheFirstTokenEndsWithAnErrorEventAndNoFallback() throws Exception {
    call(TimeoutConfig.DEFAULTS);
    first.listener().onChunk(TOKEN);
    first.listener().onError(ProviderFailure.protocol("stream cut"));

    assertThat(client.log).hasSize(4);
    assertThat(client.log.get(2)).contains("upstream_error").contains("stream cut");
    assertThat(client.log.get(3)).isEqualTo("end");
    assertThat(second.listeners).isEmpty();
  }

  @Test
  void firstTokenDeadlineCancelsAndMovesOn() throws Exception {
    call(new TimeoutConfig(1_000, 50, 60_000));
    first.listener().onChunk(ROLE);

    await().atMost(Duration.ofSeconds(10)).until(() -> !second.listeners.isEmpty());
    assertThat(first.cancelled).isTrue();
    assertThat(client.log).isEmpty();
  }

  @Test
  void abandoningCancelsTheUpstreamAndWritesNothingMore() throws Exception {
    StreamCall call = call(TimeoutConfig.DEFAULTS);
    first.listener().onChunk(TOKEN);
    call.abandon();
    first.listener().onChunk(TOKEN);

    assertThat(first.cancelled).isTrue();
    assertThat(client.log).containsExactly("open one/m1", "event " + TOKEN);
  }

  @Test
  void nothingLeftRejectsBeforeAnythingIsWritten() throws Exception {
    call(TimeoutConfig.DEFAULTS);
    first.listener().onError(ProviderFailure.connect("refused"));
    second.listener().onError(ProviderFailure.timeout("slow"));

    assertThat(rejected).isCompleted();
    assertThat(rejected.join().status()).isEqualTo(503);
    assertThat(client.log).isEmpty();
  }

  /** Hands out the listener of each stream call for the test to play the upstream. */
  private static final class FakeAdapter implements ProviderAdapter {
    final List<StreamListener> listeners = new CopyOnWriteArrayList<>();
    volatile boolean cancelled;

    StreamListener listener() {
      return listeners.get(listeners.size() - 1);
    }

    @Override
    public CompletableFuture<Completion> complete(ProviderCall call) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Cancellable stream(ProviderCall call, StreamListener listener) {
      listeners.add(listener);
      return () -> cancelled = true;
    }
  }

  private static final class RecordingClient implements ClientStream {
    final List<String> log = new CopyOnWriteArrayList<>();

    @Override
    public void open(Map<String, String> headers) {
      log.add("open " + headers.get("x-spillway-served-by"));
    }

    @Override
    public void event(JsonNode data) {
      log.add("event " + data);
    }

    @Override
    public void done() {
      log.add("done");
    }

    @Override
    public void end() {
      log.add("end");
    }
  }
}
