package dev.spillway.proxy.testing;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * A real OTLP/HTTP trace receiver on loopback: decodes each protobuf {@code ExportTraceServiceRequest}
 * POSTed to {@code /v1/traces} and keeps its spans for the test to read.
 */
public final class OtlpReceiver implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(2);
  private final ConcurrentLinkedQueue<Span> spans = new ConcurrentLinkedQueue<>();
  private final AtomicLong received = new AtomicLong();
  private final boolean keep;

  private OtlpReceiver(HttpServer server, boolean keep) {
    this.server = server;
    this.keep = keep;
  }

  public static OtlpReceiver start() {
    return start(true);
  }

  /** A receiver that only counts what arrives (long load runs). */
  public static OtlpReceiver startCounting() {
    return start(false);
  }

  private static OtlpReceiver start(boolean keep) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      OtlpReceiver receiver = new OtlpReceiver(server, keep);
      server.createContext("/v1/traces", exchange -> {
        try (InputStream body = exchange.getRequestBody()) {
          receiver.collect(ExportTraceServiceRequest.parseFrom(body));
          byte[] reply = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
          exchange.getResponseHeaders().add("content-type", "application/x-protobuf");
          exchange.sendResponseHeaders(200, reply.length == 0 ? -1 : reply.length);
          exchange.getResponseBody().write(reply);
        } catch (IOException | RuntimeException e) {
          exchange.sendResponseHeaders(400, -1);
        } finally {
          exchange.close();
        }
      });
      server.setExecutor(receiver.threads);
      server.start();
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void collect(ExportTraceServiceRequest request) {
    for (ResourceSpans resource : request.getResourceSpansList()) {
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        received.addAndGet(scope.getSpansCount());
        if (keep) {
          spans.addAll(scope.getSpansList());
        }
      }
    }
  }

  /** Base URL, as given to the proxy's OTLP endpoint option. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public List<Span> spans() {
    return List.copyOf(spans);
  }

  /** Spans received so far (also by a counting receiver). */
  public long spanCount() {
    return received.get();
  }

  public List<Span> trace(String traceId) {
    return spans().stream().filter(s -> hex(s.getTraceId().toByteArray()).equals(traceId)).collect(Collectors.toList());
  }

  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /** A span attribute as text (string, int, double or bool), if present. */
  public static Optional<String> attribute(Span span, String key) {
    return span.getAttributesList().stream().filter(kv -> kv.getKey().equals(key)).findFirst()
        .map(KeyValue::getValue).map(OtlpReceiver::text);
  }

  public static String text(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case INT_VALUE -> Long.toString(value.getIntValue());
      case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      case ARRAY_VALUE -> value.getArrayValue().getValuesList().stream().map(OtlpReceiver::text).toList().toString();
      default -> value.toString();
    };
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
