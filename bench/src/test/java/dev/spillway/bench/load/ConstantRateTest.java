package dev.spillway.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The open-loop generator against real loopback HTTP servers. */
class ConstantRateTest {
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
  private Undertow server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
    timers.shutdownNow();
  }

  @Test
  void everySlotOfTheScheduleIsCalledAndTimed() throws Exception {
    AtomicInteger served = new AtomicInteger();
    Target target = serve(exchange -> {
      served.incrementAndGet();
      exchange.getResponseSender().send("{\"ok\":true}");
    });

    ConstantRate.Result result = ConstantRate.run(target, 4, 400, 1_000);

    // 1 s at 400/s: slots every 2.5 ms, 400 of them, each answered once.
    assertThat(result.calls()).isEqualTo(400);
    assertThat(result.errors()).isZero();
    assertThat(result.latency().getTotalCount()).isEqualTo(400);
    assertThat(served).hasValue(400);
    assertThat(result.cpuMicrosPerCall()).isPositive();
  }

  @Test
  void aStallOfTheServerIsInTheLatencyOfEveryCallDueDuringIt() throws Exception {
    long stallMs = 400;
    AtomicInteger arrived = new AtomicInteger();
    AtomicLong stallEnds = new AtomicLong();
    // From the 40th request on, the server answers nothing for 400 ms, then everything held at once.
    Target target = serve(exchange -> {
      long now = System.nanoTime();
      if (arrived.incrementAndGet() == 40) {
        stallEnds.set(now + TimeUnit.MILLISECONDS.toNanos(stallMs));
      }
      long hold = stallEnds.get() - now;
      if (hold <= 0) {
        exchange.getResponseSender().send("{}");
        return;
      }
      exchange.dispatch(SameThreadExecutor.INSTANCE, () -> timers.schedule(
          () -> exchange.getIoThread().execute(() -> exchange.getResponseSender().send("{}")),
          hold, TimeUnit.NANOSECONDS));
    });

    ConstantRate.Result result = ConstantRate.run(target, 4, 200, 1_500);

    assertThat(result.calls()).isEqualTo(300);
    assertThat(result.errors()).isZero();
    Histogram latency = result.latency();
    assertThat(latency.getMaxValue()).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(stallMs - 50));
    // Slots every 5 ms: the 60 or so due in the first 300 ms of the stall waited at least 100 ms
    // each. A generator that waited for each answer before timing the next call would report 4
    // (one a connection).
    long over100ms = latency.getTotalCount() - latency.getCountBetweenValues(0, TimeUnit.MILLISECONDS.toNanos(100));
    assertThat(over100ms).isGreaterThanOrEqualTo(50);
  }

  @Test
  void chunkedAnswersAndConnectionsClosedAfterTheAnswerAreFramed() throws Exception {
    AtomicInteger served = new AtomicInteger();
    Target target = serve(exchange -> {
      if (served.incrementAndGet() % 2 == 0) {
        exchange.setPersistent(false);
        exchange.getResponseSender().send("{\"closing\":true}");
        return;
      }
      exchange.getResponseHeaders().put(Headers.TRANSFER_ENCODING, "chunked");
      exchange.getResponseSender().send("{\"chunked\":true}");
    });

    ConstantRate.Result result = ConstantRate.run(target, 2, 200, 500);

    assertThat(result.calls()).isEqualTo(100);
    assertThat(result.errors()).isZero();
    assertThat(result.latency().getTotalCount()).isEqualTo(100);
  }

  @Test
  void errorStatusesAndRefusedConnectionsAreErrors() throws Exception {
    Target failing = serve(exchange -> {
      exchange.setStatusCode(503);
      exchange.getResponseSender().send("{\"error\":{}}");
    });
    ConstantRate.Result answered = ConstantRate.run(failing, 2, 100, 300);
    assertThat(answered.calls()).isEqualTo(30);
    assertThat(answered.errors()).isEqualTo(30);
    assertThat(answered.latency().getTotalCount()).isEqualTo(30);

    Target nobody = new Target("nobody", freePort(), "/v1/chat/completions", Map.of());
    ConstantRate.Result refused = ConstantRate.run(nobody, 2, 100, 300);
    assertThat(refused.calls()).isEqualTo(30);
    assertThat(refused.errors()).isEqualTo(30);
    assertThat(refused.latency().getTotalCount()).isZero();
  }

  private Target serve(HttpHandler handler) {
    HttpHandler typed = exchange -> {
      exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
      handler.handleRequest(exchange);
    };
    server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(typed).build();
    server.start();
    int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    return new Target("test", port, "/v1/chat/completions", Map.of("Authorization", "Bearer test"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
