package dev.spillway.proxy.providers.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.api.v1alpha1.ProviderKind;
import dev.spillway.config.AccountConfig;
import dev.spillway.config.HealthCheckConfig;
import dev.spillway.config.SimulationConfig;
import dev.spillway.config.TargetConfig;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.proxy.providers.Completion;
import dev.spillway.proxy.providers.ProviderCall;
import dev.spillway.proxy.providers.ProviderContext;
import dev.spillway.proxy.providers.ProviderFailure;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, finding 5: the simulated provider refuses media requests beyond a provider's bounds
 * with a 400 instead of burning its threads, and stops drawing images once the call is cancelled.
 */
class SimulatedMediaBoundsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  /** One callback thread, as a busy proxy's pool would effectively be. */
  private final ExecutorService callbacks = Executors.newSingleThreadExecutor();
  /** Counted down when the callback thread starts the next task. */
  private final AtomicReference<CountDownLatch> started = new AtomicReference<>(new CountDownLatch(1));
  private final SimulatedAdapter adapter = new SimulatedAdapter(
      new AccountConfig("sim", ProviderKind.SIMULATED, null, null, null, null, false, Map.of(), TimeoutConfig.DEFAULTS,
          null, null, HealthCheckConfig.DISABLED, new SimulationConfig(0, 0, 0, 0, 503, "hi", List.of())),
      new ProviderContext(MAPPER, scheduler, task -> callbacks.execute(() -> {
        started.get().countDown();
        task.run();
      }), Clock.systemUTC()),
      () -> 0.5);

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
    callbacks.shutdownNow();
  }

  private static ProviderCall call(Consumer<ObjectNode> request) {
    ObjectNode body = MAPPER.createObjectNode().put("model", "sim-1").put("prompt", "a lighthouse").put("input", "hello");
    request.accept(body);
    TargetConfig target = new TargetConfig("sim/sim-1", "sim", "sim-1", 1, 1, null, null);
    return new ProviderCall(target, null, body, null, TimeoutConfig.DEFAULTS);
  }

  private static ProviderFailure failureOf(CompletableFuture<?> future) {
    ExecutionException thrown = catchThrowableOfType(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
    assertThat(thrown.getCause()).isInstanceOf(ProviderFailure.class);
    return (ProviderFailure) thrown.getCause();
  }

  @Test
  void aBillionImagesOrAHugeSizeIsA400AtOnce() {
    ProviderFailure billion = failureOf(adapter.images(call(r -> r.put("n", 1_000_000_000))));
    ProviderFailure huge = failureOf(adapter.images(call(r -> r.put("size", "99999x99999"))));
    ProviderFailure garbage = failureOf(adapter.images(call(r -> r.put("size", "abc"))));
    ProviderFailure total = failureOf(adapter.images(call(r -> r.put("n", 10).put("size", "2048x2048"))));

    for (ProviderFailure failure : List.of(billion, huge, garbage, total)) {
      assertThat(failure.status()).isEqualTo(400);
      assertThat(failure.clientError().at("/error/code").asText()).isEqualTo("invalid_value");
    }
    assertThat(billion.clientError().at("/error/param").asText()).isEqualTo("n");
    assertThat(huge.clientError().at("/error/param").asText()).isEqualTo("size");
  }

  @Test
  void embeddingsAndSpeechAreBoundedToo() {
    assertThat(failureOf(adapter.embeddings(call(r -> r.put("dimensions", 10_000_000)))).status()).isEqualTo(400);
    assertThat(failureOf(adapter.speech(call(r -> r.put("input", "a".repeat(5_000))))).status()).isEqualTo(400);
  }

  @Test
  void aCancelledImageCallStopsDrawingAndFreesTheThread() throws Exception {
    long full = timed(() -> adapter.images(call(r -> r.put("n", 10).put("size", "1024x1024"))).get(60, TimeUnit.SECONDS));

    CountDownLatch working = new CountDownLatch(1);
    started.set(working);
    CompletableFuture<Completion> cancelled = adapter.images(call(r -> r.put("n", 10).put("size", "1024x1024")));
    assertThat(working.await(10, TimeUnit.SECONDS)).isTrue();
    long start = System.nanoTime();
    cancelled.cancel(true);
    // The chat call queues behind the image work on the one callback thread.
    adapter.complete(call(r -> r.putArray("messages").addObject().put("role", "user").put("content", "hi")))
        .get(60, TimeUnit.SECONDS);
    long afterCancel = System.nanoTime() - start;

    assertThat(afterCancel).isLessThan(full / 2);
  }

  private interface Work {
    void run() throws Exception;
  }

  private static long timed(Work work) throws Exception {
    long start = System.nanoTime();
    work.run();
    return System.nanoTime() - start;
  }
}
