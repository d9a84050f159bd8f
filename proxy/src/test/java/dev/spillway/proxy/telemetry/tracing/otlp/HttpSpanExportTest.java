package dev.spillway.proxy.telemetry.tracing.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Every span handed to the export is accounted for: kept = exported + failed + dropped. */
class HttpSpanExportTest {
  private static final int SPANS = 50;

  @Test
  void aSlowCollectorFillsTheQueueAndTheSpansPastItAreDroppedAndCounted() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<Integer> requests = new CopyOnWriteArrayList<>();
    try (Collector collector = new Collector(exchange -> {
      awaitQuietly(release); // a slow collector: the queue fills meanwhile
      answer(exchange, 200, requests);
    })) {
      HttpSpanExport export = export(collector, 1, 4);
      List<SpanData> spans = spans(SPANS);
      for (SpanData span : spans) {
        export.onEnd(OtlpRequests.ended(span));
      }
      release.countDown();
      assertThat(export.forceFlush().join(20, TimeUnit.SECONDS).isSuccess()).isTrue();
      export.shutdown().join(10, TimeUnit.SECONDS);

      assertThat(export.kept()).isEqualTo(SPANS);
      assertThat(export.dropped()).isPositive();
      assertThat(export.exported() + export.dropped()).isEqualTo(SPANS);
      assertThat(export.failed()).isZero();
      assertThat(requests).hasSize((int) export.exported());
    }
  }

  @Test
  void spansACollectorRefusesAreCountedAsFailed() throws Exception {
    try (Collector collector = new Collector(exchange -> answer(exchange, 400, new CopyOnWriteArrayList<>()))) {
      HttpSpanExport export = export(collector, 10, 100);
      for (SpanData span : spans(25)) {
        export.onEnd(OtlpRequests.ended(span));
      }
      assertThat(export.forceFlush().join(20, TimeUnit.SECONDS).isSuccess()).isTrue();
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> export.failed() == 25);
      export.shutdown().join(10, TimeUnit.SECONDS);

      assertThat(export.kept()).isEqualTo(25);
      assertThat(export.exported() + export.dropped()).isZero();
    }
  }

  @Test
  void requestsCarryAtMostTheirSpanLimitAndLeaveWithinTheDelayWhenNotFull() throws Exception {
    List<Integer> requests = new CopyOnWriteArrayList<>();
    try (Collector collector = new Collector(exchange -> answer(exchange, 200, requests))) {
      HttpSpanExport export = export(collector, 20, 1000);
      for (SpanData span : spans(45)) {
        export.onEnd(OtlpRequests.ended(span));
      }
      // No flush: the last 5 leave once the 100-ms delay has passed.
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> export.exported() == 45);
      export.shutdown().join(10, TimeUnit.SECONDS);

      assertThat(requests).allSatisfy(spans -> assertThat(spans).isLessThanOrEqualTo(20)).contains(20);
      assertThat(requests.stream().mapToInt(Integer::intValue).sum()).isEqualTo(45);
    }
  }

  private static HttpSpanExport export(Collector collector, int requestSpans, int queueSpans) {
    return HttpSpanExport.to(collector.url(), Resource.getDefault(), InstrumentationScopeInfo.create("test"),
        requestSpans, 1 << 20, queueSpans, 1L << 24, Duration.ofMillis(100));
  }

  private static List<SpanData> spans(int n) {
    return OtlpEncodingTest.spansWithText(java.util.stream.IntStream.range(0, n).mapToObj(i -> "span " + i)
        .toArray(String[]::new));
  }

  /** Reads the request, counts its spans, answers {@code status}. */
  private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, List<Integer> requests)
      throws IOException {
    try (InputStream body = exchange.getRequestBody()) {
      io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest request =
          io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest.parseFrom(body.readAllBytes());
      requests.add(request.getResourceSpans(0).getScopeSpans(0).getSpansCount());
      exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(status, -1);
    } finally {
      exchange.close();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A real HTTP endpoint on a loopback port, answering as {@code handler} says. */
  private static final class Collector implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    Collector(HttpHandler handler) throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/v1/traces", handler);
      server.setExecutor(threads);
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
    }

    @Override
    public void close() {
      server.stop(0);
      threads.shutdownNow();
    }
  }
}
