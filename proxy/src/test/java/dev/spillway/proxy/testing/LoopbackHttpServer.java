package dev.spillway.proxy.testing;

import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.xnio.Options;

/**
 * A real HTTP server on a loopback ephemeral port that plays a provider: tests script its replies
 * (one-shot replies in order, then a default) and read back what it received. Faults are real: a
 * hang holds the connection open, a cut closes the socket mid-body.
 */
public final class LoopbackHttpServer implements AutoCloseable {
  /** The start of the name of each of its threads ("loopback-upstream task-3", "… I/O-1"). */
  public static final String THREAD_NAME = "loopback-upstream";
  private final Undertow server;
  private final ConcurrentLinkedQueue<Reply> queued = new ConcurrentLinkedQueue<>();
  private final List<RecordedRequest> received = new CopyOnWriteArrayList<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile Function<RecordedRequest, Reply> fallback =
      request -> Reply.json(500, "{\"error\":{\"message\":\"no reply scripted\"}}");

  private LoopbackHttpServer() {
    server =
        Undertow.builder()
            .addHttpListener(0, "127.0.0.1")
            .setWorkerThreads(32)
            // Named, so a leak check on the proxy can tell the scripted providers' threads apart:
            // a stalled reply holds one of them for minutes, and their pool grows to 32 on demand.
            .setWorkerOption(Options.WORKER_NAME, THREAD_NAME)
            .setHandler(this::handle)
            .build();
    server.start();
  }

  public static LoopbackHttpServer start() {
    return new LoopbackHttpServer();
  }

  public String baseUrl() {
    InetSocketAddress address = (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
    return "http://127.0.0.1:" + address.getPort();
  }

  /** Answers the next request with this reply (replies queue up in order). */
  public LoopbackHttpServer enqueue(Reply reply) {
    queued.add(reply);
    return this;
  }

  /** Answers every request without a queued reply with this one. */
  public LoopbackHttpServer always(Reply reply) {
    fallback = request -> reply;
    return this;
  }

  /** Answers every request without a queued reply with what this function makes of it. */
  public LoopbackHttpServer answering(Function<RecordedRequest, Reply> responder) {
    fallback = responder;
    return this;
  }

  public List<RecordedRequest> requests() {
    return List.copyOf(received);
  }

  public int requestCount() {
    return received.size();
  }

  public RecordedRequest lastRequest() {
    return received.get(received.size() - 1);
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop();
  }

  private void handle(HttpServerExchange exchange) throws Exception {
    if (exchange.isInIoThread()) {
      exchange.dispatch(this::handle);
      return;
    }
    exchange.startBlocking();
    String body = new String(exchange.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, String> headers = new HashMap<>();
    exchange.getRequestHeaders().forEach(h -> headers.put(h.getHeaderName().toString().toLowerCase(), h.getFirst()));
    RecordedRequest request =
        new RecordedRequest(
            exchange.getRequestMethod().toString(),
            exchange.getRequestPath(),
            exchange.getQueryString(),
            Map.copyOf(headers),
            body);
    received.add(request);
    Reply reply = queued.poll();
    play(exchange, reply != null ? reply : fallback.apply(request));
  }

  private void play(HttpServerExchange exchange, Reply reply) throws Exception {
    if (reply.kind == Reply.Kind.HANG) {
      closed.await(5, TimeUnit.MINUTES);
      exchange.getConnection().close();
      return;
    }
    pause(reply.delay.toMillis());
    exchange.setStatusCode(reply.status);
    reply.headers.forEach((k, v) -> exchange.getResponseHeaders().put(HttpString.tryFromString(k), v));
    OutputStream out = exchange.getOutputStream();
    if (reply.kind == Reply.Kind.BODY) {
      if (reply.cutAfter >= 0 || !reply.interval.isZero()) {
        writeSlowlyOrCut(exchange, out, reply);
        return;
      }
      out.write(reply.body);
      out.close();
      return;
    }
    if (reply.kind == Reply.Kind.ENDLESS) {
      byte[] block = new String(reply.body, StandardCharsets.UTF_8).repeat(Math.max(1, 4096 / reply.body.length))
          .getBytes(StandardCharsets.UTF_8);
      try {
        while (closed.getCount() > 0) {
          out.write(block);
          out.flush();
        }
      } catch (IOException proxyClosedIt) {
        // the bound under test cut the connection
      }
      return;
    }
    int sent = 0;
    for (String event : reply.events) {
      if (sent == reply.cutAfter) {
        exchange.getConnection().close();
        return;
      }
      out.write((event + "\n\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      sent++;
      pause(reply.interval.toMillis());
    }
    out.close();
  }

  /** A body dripped a byte at a time, or cut after some bytes (the connection reset mid-body). */
  private void writeSlowlyOrCut(HttpServerExchange exchange, OutputStream out, Reply reply) throws Exception {
    int limit = reply.cutAfter >= 0 ? Math.min(reply.cutAfter, reply.body.length) : reply.body.length;
    if (reply.interval.isZero()) {
      out.write(reply.body, 0, limit);
      out.flush();
    } else {
      for (int i = 0; i < limit; i++) {
        out.write(reply.body[i]);
        out.flush();
        pause(reply.interval.toMillis());
      }
    }
    if (reply.cutAfter >= 0) {
      exchange.getConnection().close();
    } else {
      out.close();
    }
  }

  /** Simulated provider latency: this is the behaviour under test, not synchronisation. */
  private void pause(long millis) throws InterruptedException {
    if (millis > 0) {
      closed.await(millis, TimeUnit.MILLISECONDS);
    }
  }

}
