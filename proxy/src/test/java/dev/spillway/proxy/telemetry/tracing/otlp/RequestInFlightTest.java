package dev.spillway.proxy.telemetry.tracing.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.sdk.common.CompletableResultCode;
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
 * A request is sent from the encoder's own buffer: an export that starts while the last one is still
 * being sent must not write over the bytes that one is sending.
 */
class RequestInFlightTest {
  @Test
  void anExportStartedWhileTheLastIsStillSendingLeavesItsBytesAlone() throws Exception {
    // Requests larger than loopback's socket buffers hold while nothing is read (the sender's grows
    // to 4 MB at most; the receiver's grows only as the application reads), so the first is still
    // being written when the second is encoded: the receiver reads nothing of the first until the
    // second has been exported. Not much larger: the whole exchange must fit the exporter's 10-s
    // timeout on a loaded machine.
    List<SpanData> first = OtlpEncodingTest.spansWithText("a".repeat(8_000_000));
    List<SpanData> second = OtlpEncodingTest.spansWithText("b".repeat(8_000_000));
    CountDownLatch firstArrived = new CountDownLatch(1);
    CountDownLatch secondExported = new CountDownLatch(1);
    ConcurrentLinkedQueue<String> bodies = new ConcurrentLinkedQueue<>();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/traces", exchange -> {
      try (InputStream body = exchange.getRequestBody()) {
        if (firstArrived.getCount() > 0) {
          firstArrived.countDown();
          secondExported.await(20, TimeUnit.SECONDS);
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
    try {
      OtlpHttpTraceExporter exporter =
          OtlpHttpTraceExporter.to("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces");
      CompletableResultCode one = exporter.export(first);
      assertThat(firstArrived.await(20, TimeUnit.SECONDS)).isTrue();
      assertThat(one.isDone()).as("the first request is still being sent").isFalse();
      CompletableResultCode two = exporter.export(second);
      secondExported.countDown();

      assertThat(one.join(30, TimeUnit.SECONDS).isSuccess()).isTrue();
      assertThat(two.join(30, TimeUnit.SECONDS).isSuccess()).isTrue();
      exporter.shutdown().join(10, TimeUnit.SECONDS);
      assertThat(bodies).containsExactlyInAnyOrder(
          digest(OtlpEncodingTest.bytes(TraceRequestEncoder.forRequests().encode(first))),
          digest(OtlpEncodingTest.bytes(TraceRequestEncoder.forRequests().encode(second))));
    } finally {
      server.stop(0);
      threads.shutdownNow();
    }
  }

  /** What a request's bytes are compared by (the arrays are tens of MB: a failure prints this). */
  private static String digest(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)) + " (" + bytes.length + " bytes)";
  }
}
