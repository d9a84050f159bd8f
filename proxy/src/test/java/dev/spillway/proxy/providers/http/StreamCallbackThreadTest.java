package dev.spillway.proxy.providers.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.api.v1alpha1.ProviderKind;
import dev.spillway.config.AccountConfig;
import dev.spillway.config.HealthCheckConfig;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.proxy.providers.ProviderContext;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.testing.LoopbackHttpServer;
import dev.spillway.proxy.testing.Reply;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Stream events are parsed on the context's callback pool, never on the HTTP client's selector
 * thread: with thousands of open streams that parsing delayed new connections past their connect
 * timeout (docs/benchmarks.md, "The 503s at 5,000 streams").
 */
class StreamCallbackThreadTest {
  private final LoopbackHttpServer server = LoopbackHttpServer.start();
  private final ExecutorService callbacks =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "test-callbacks"));
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    server.close();
    callbacks.shutdownNow();
    scheduler.shutdownNow();
  }

  @Test
  void streamEventsRunOnTheCallbackPool() {
    server.enqueue(Reply.sse(List.of("data: {\"n\":1}", "data: {\"n\":2}", "data: [DONE]")));
    UpstreamHttp http = new UpstreamHttp(account(server.baseUrl()),
        new ProviderContext(new ObjectMapper(), scheduler, callbacks, Clock.systemUTC()));
    ConcurrentLinkedQueue<String> threads = new ConcurrentLinkedQueue<>();
    AtomicBoolean ended = new AtomicBoolean();

    http.streamEvents(UpstreamRequest.postJson(URI.create(server.baseUrl() + "/chat/completions"),
        "{}".getBytes()).build(), new SseHandler() {
          @Override
          public void onEvent(String event, byte[] data) {
            threads.add(Thread.currentThread().getName());
          }

          @Override
          public void onEnd() {
            ended.set(true);
          }

          @Override
          public void onHttpError(int status, HttpHeaders headers, byte[] body) {}

          @Override
          public void onFailure(ProviderFailure failure) {}
        });

    await().atMost(Duration.ofSeconds(10)).untilTrue(ended);
    assertThat(threads).hasSize(3).containsOnly("test-callbacks");
  }

  private static AccountConfig account(String baseUrl) {
    return new AccountConfig("acct", ProviderKind.OPENAI_COMPATIBLE, baseUrl, null, null, null, false, Map.of(),
        TimeoutConfig.DEFAULTS, null, null, HealthCheckConfig.DISABLED, null);
  }
}
