package dev.spillway.proxy.telemetry.tracing.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.time.Duration;
import org.awaitility.Awaitility;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A request is sent from the queue's own buffer: when the export thread stops waiting for an export
 * that is still sending, the next request must not be written over the bytes that one is sending.
 */
class RequestInFlightTest {
  @Test
  void anExportStartedWhileTheLastIsStillSendingLeavesItsBytesAlone() throws Exception {
    // Requests larger than loopback's socket buffers hold while nothing is read (the sender's grows
    // to 4 MB at most; the receiver's grows only as the application reads), so the first is still
    // being written when the second is queued: the receiver reads nothing of the first until the
    // second has arrived. Not much larger: the whole exchange must fit the exporter's 10-s timeout
    // on a loaded machine.
    List<SpanData> first = OtlpEncodingTest.spansWithText("a".repeat(8_000_000));
    List<SpanData> second = OtlpEncodingTest.spansWithText("b".repeat(8_000_000));
    CountDownLatch firstArrived = new CountDownLatch(1);
    CountDownLatch secondArrived = new CountDownLatch(1);
    ConcurrentLinkedQueue<String> bodies = new ConcurrentLinkedQueue<>();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/traces", exchange -> {
      try (InputStream body = exchange.getRequestBody()) {
        if (firstArrived.getCount() > 0) {
          firstArrived.countDown();
          secondArrived.await(20, TimeUnit.SECONDS);
        } else {
          secondArrived.countDown();
        }
        bodies.add(digest(body.readAllBytes()));
        exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(200, -1);
      } catch (InterruptedException | NoSuchAlgorithmException e) {
        Thread.currentThread().interrupt();
      } finally {
        exchange.close();
      }
    });
    ExecutorService threads = Executors.newFixedThreadPool(2);
    server.setExecutor(threads);
    server.start();
    // The export thread waits 1 s for an export here (30 s in the proxy), then sends the next request.
    HttpSpanExport export = new HttpSpanExport(
        HttpSpanExport.sender("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces"),
        new SpanQueue(1, 1024, 4, 64L * 1024 * 1024), TraceRequestEncoder.forSpans().frame(first.get(0).getResource(), first.get(0).getInstrumentationScopeInfo()),
        Duration.ofMillis(100), Duration.ofSeconds(1));
    try {
      export.onEnd(OtlpRequests.ended(first.get(0)));
      assertThat(firstArrived.await(20, TimeUnit.SECONDS)).isTrue();
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> export.outlastedWaits() == 1);
      // The thread has stopped waiting for the first export, which is still sending from its buffer.
      export.onEnd(OtlpRequests.ended(second.get(0)));

      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> export.exported() == 2);
      assertThat(bodies).containsExactlyInAnyOrder(
          digest(OtlpRequests.request(first)), digest(OtlpRequests.request(second)));
    } finally {
      export.shutdown().join(10, TimeUnit.SECONDS);
      server.stop(0);
      threads.shutdownNow();
    }
  }

  /** What a request's bytes are compared by (the arrays are tens of MB: a failure prints this). */
  private static String digest(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)) + " (" + bytes.length + " bytes)";
  }
}
