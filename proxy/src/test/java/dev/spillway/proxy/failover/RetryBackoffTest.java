package dev.spillway.proxy.failover;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.config.MatchConfig;
import dev.spillway.config.PolicyConfig;
import dev.spillway.config.RetryConfig;
import dev.spillway.config.RetryOn;
import dev.spillway.config.RouterConfig;
import dev.spillway.config.TimeoutOverrides;
import dev.spillway.proxy.config.Snapshot;
import dev.spillway.proxy.providers.Cancellable;
import dev.spillway.proxy.providers.Completion;
import dev.spillway.proxy.providers.ProviderAdapter;
import dev.spillway.proxy.providers.ProviderCall;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.StreamListener;
import dev.spillway.proxy.providers.Usage;
import dev.spillway.proxy.routing.CandidatePlanner;
import dev.spillway.proxy.routing.RequestFacts;
import dev.spillway.proxy.testing.ConfigBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Same-target retries: exponential backoff with jitter, only for the listed failures, Retry-After as
 * a floor, inside the caller's deadline. The timers' delays are read off the scheduler (the clock
 * the race waits on), so no test waits for a backoff to pass.
 */
class RetryBackoffTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final TimerClock timers = new TimerClock();

  @AfterEach
  void stop() {
    timers.shutdownNow();
  }

  @Test
  void delaysDoubleWithJitterBetweenHalfAndAllOfTheStep() {
    RetryConfig retry = new RetryConfig(4, 100, EnumSet.of(RetryOn.SERVER_ERROR));
    ProviderFailure http503 = new ProviderFailure(ProviderFailure.Kind.HTTP, "http 503", 503, null, false, null);

    assertThat(Retries.delayMs(retry, 1, FailureClass.RETRYABLE, http503, Long.MAX_VALUE, () -> 0.0)).isEqualTo(50);
    assertThat(Retries.delayMs(retry, 1, FailureClass.RETRYABLE, http503, Long.MAX_VALUE, () -> 0.999)).isEqualTo(99);
    assertThat(Retries.delayMs(retry, 2, FailureClass.RETRYABLE, http503, Long.MAX_VALUE, () -> 0.0)).isEqualTo(100);
    assertThat(Retries.delayMs(retry, 3, FailureClass.RETRYABLE, http503, Long.MAX_VALUE, () -> 0.5)).isEqualTo(300);
    assertThat(Retries.delayMs(retry, 4, FailureClass.RETRYABLE, http503, Long.MAX_VALUE, () -> 0.5))
        .as("attempts spent").isEqualTo(-1);
    assertThat(Retries.delayMs(retry, 1, FailureClass.RETRYABLE, ProviderFailure.connect("refused"), Long.MAX_VALUE,
        () -> 0.5)).as("connect is not listed").isEqualTo(-1);
    assertThat(Retries.delayMs(retry, 1, FailureClass.RETRYABLE, http503, 40, () -> 0.5))
        .as("would start after the caller's deadline").isEqualTo(-1);
    assertThat(Retries.delayMs(retry, 1, FailureClass.REQUEST_CAUSED, ProviderFailure.quality("x", true),
        Long.MAX_VALUE, () -> 0.5)).isEqualTo(-1);
  }

  @Test
  void retryAfterIsAFloor() {
    RetryConfig retry = new RetryConfig(2, 100, EnumSet.of(RetryOn.RATE_LIMITED));
    ProviderFailure limited =
        new ProviderFailure(ProviderFailure.Kind.HTTP, "http 429", 429, Duration.ofMillis(700), false, null);

    assertThat(Retries.delayMs(retry, 1, FailureClass.RETRYABLE, limited, Long.MAX_VALUE, () -> 0.0)).isEqualTo(700);
  }

  @Test
  void aFailingTargetIsRetriedWithBackoffAndEachRetryIsAnAttempt() throws Exception {
    FlakyAdapter adapter = new FlakyAdapter(2); // two 503s, then an answer
    CandidateCursor cursor = cursor(new RetryConfig(3, 200, EnumSet.of(RetryOn.SERVER_ERROR)), adapter);

    PlainCall<Completion> call = PlainCall.start(cursor, timers, AnswerCheck.NONE);
    Served<Completion> served = call.result().get(10, TimeUnit.SECONDS);

    assertThat(served.attempt().targetId()).isEqualTo("one/m1");
    assertThat(adapter.calls.get()).isEqualTo(3);
    assertThat(cursor.log().attempts()).as("x-spillway-attempts counts retries").isEqualTo(3);
    assertThat(timers.backoffs).hasSize(2);
    assertThat(timers.backoffs.get(0)).isBetween(100L, 199L);
    assertThat(timers.backoffs.get(1)).isBetween(200L, 399L);
  }

  @Test
  void aFailureNotListedMovesOnWithoutRetry() throws Exception {
    FlakyAdapter adapter = new FlakyAdapter(5);
    CandidateCursor cursor = cursor(new RetryConfig(3, 200, EnumSet.of(RetryOn.CONNECT)), adapter);

    PlainCall<Completion> call = PlainCall.start(cursor, timers, AnswerCheck.NONE);

    assertThat(call.result()).failsWithin(Duration.ofSeconds(10));
    assertThat(adapter.calls.get()).as("one call each to both targets, no retry of a 503").isEqualTo(2);
    assertThat(timers.backoffs).isEmpty();
  }

  private static CandidateCursor cursor(RetryConfig retry, ProviderAdapter adapter) {
    PolicyConfig policy = new PolicyConfig("retrying", 1, MatchConfig.ANY, List.of(), null, 0, TimeoutOverrides.NONE,
        null, null, retry, null, null, null, null);
    RouterConfig config = ConfigBuilder.create()
        .account("one", "http://unused")
        .account("two", "http://unused")
        .model("chat", m -> m.target("one", "m1").target("two", "m2"))
        .policy(policy)
        .build();
    RequestFacts facts = new RequestFacts("chat", false, null, null, null, false, false, false, false, 1, Map.of());
    ObjectNode request = MAPPER.createObjectNode().put("model", "chat");
    return new CandidateCursor(CandidatePlanner.plan(config, policy, facts),
        new Snapshot(config, Map.of("one", adapter, "two", adapter)), request, "chat",
        new HealthMarks(Clock.systemUTC()), ref -> Optional.empty());
  }

  /** Fails its first calls with 503, then answers. */
  private static final class FlakyAdapter implements ProviderAdapter {
    final AtomicInteger calls = new AtomicInteger();
    private final int failures;

    FlakyAdapter(int failures) {
      this.failures = failures;
    }

    @Override
    public CompletableFuture<Completion> complete(ProviderCall call) {
      if (calls.incrementAndGet() <= failures) {
        return CompletableFuture.failedFuture(
            new ProviderFailure(ProviderFailure.Kind.HTTP, "http 503", 503, null, false, null));
      }
      return CompletableFuture.completedFuture(new Completion(MAPPER.createObjectNode().put("id", "ok"), Usage.NONE));
    }

    @Override
    public Cancellable stream(ProviderCall call, StreamListener listener) {
      throw new UnsupportedOperationException();
    }
  }

  /**
   * The race's clock: backoff timers (anything under ten seconds) are recorded and run at once, the
   * long attempt deadlines wait as usual. The recorded delays are what the race asked to wait.
   */
  private static final class TimerClock extends ScheduledThreadPoolExecutor {
    final List<Long> backoffs = new CopyOnWriteArrayList<>();

    TimerClock() {
      super(1);
      setRemoveOnCancelPolicy(true);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
      long ms = unit.toMillis(delay);
      if (ms < 10_000) {
        backoffs.add(ms);
        return super.schedule(command, 0, TimeUnit.MILLISECONDS);
      }
      return super.schedule(command, delay, unit);
    }
  }
}
