package dev.spillway.proxy.testing;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.server.protocol.http.HttpAttachments;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.DataInputStream;
import java.io.DataOutputStream;
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
 * A real OTLP trace receiver on loopback: decodes each protobuf {@code ExportTraceServiceRequest},
 * POSTed to {@code /v1/traces} (OTLP/HTTP, a JDK HttpServer) or sent as a gRPC {@code Export} call
 * over cleartext HTTP/2 (Undertow), and keeps its spans for the test to read.
 */
public final class OtlpReceiver implements AutoCloseable {
  private final ExecutorService threads = Executors.newFixedThreadPool(2);
  private Runnable stop;
  private int port;
  private final ConcurrentLinkedQueue<Span> spans = new ConcurrentLinkedQueue<>();
  private final AtomicLong received = new AtomicLong();
  private final boolean keep;

  private OtlpReceiver(boolean keep) {
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
      OtlpReceiver receiver = new OtlpReceiver(keep);
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
      receiver.port = server.getAddress().getPort();
      receiver.stop = () -> server.stop(0);
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The gRPC flavour: one unary {@code TraceService/Export} per request, length-prefixed messages. */
  public static OtlpReceiver startGrpc() {
    OtlpReceiver receiver = new OtlpReceiver(true);
    Undertow server =
        Undertow.builder()
            .setServerOption(UndertowOptions.ENABLE_HTTP2, true) // accepts h2c with prior knowledge
            .addHttpListener(0, "127.0.0.1")
            .setHandler(new BlockingHandler(exchange -> {
              DataInputStream in = new DataInputStream(exchange.getInputStream());
              in.readUnsignedByte(); // compressed flag: the exporter does not compress by default
              byte[] message = new byte[in.readInt()];
              in.readFully(message);
              receiver.collect(ExportTraceServiceRequest.parseFrom(message));
              byte[] reply = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
              exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/grpc");
              HeaderMap trailers = new HeaderMap();
              trailers.put(HttpString.tryFromString("grpc-status"), "0");
              exchange.putAttachment(HttpAttachments.RESPONSE_TRAILERS, trailers);
              DataOutputStream out = new DataOutputStream(exchange.getOutputStream());
              out.writeByte(0);
              out.writeInt(reply.length);
              out.write(reply);
              out.close();
            }))
            .build();
    server.start();
    receiver.port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    receiver.stop = server::stop;
    return receiver;
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
    return "http://127.0.0.1:" + port;
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
    stop.run();
    threads.shutdownNow();
  }
}
