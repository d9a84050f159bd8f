package dev.spillway.proxy.providers.http;

import static dev.spillway.proxy.providers.http.RawUpstream.chunk;
import static dev.spillway.proxy.providers.http.RawUpstream.json;
import static dev.spillway.proxy.providers.http.RawUpstream.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spillway.proxy.providers.Cancellable;
import dev.spillway.proxy.providers.ProviderFailure;
import java.io.IOException;
import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioIoThread;
import org.xnio.XnioWorker;

/** The event-loop transport against raw loopback upstreams: pooling, retries, failures, streams, threads. */
class EventLoopClientTest {
  private static final String OK = "{\"ok\":true}";

  private XnioWorker worker;
  private final ExecutorService blocking = Executors.newSingleThreadExecutor();
  private EventLoopClient client;
  private final List<AutoCloseable> closeAfter = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    worker = Xnio.getInstance().createWorker(OptionMap.create(Options.WORKER_IO_THREADS, 2));
    client = new EventLoopClient(blocking, UpstreamLimits.DEFAULTS);
    client.start(worker);
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closeAfter) {
      c.close();
    }
    worker.shutdownNow();
    blocking.shutdownNow();
  }

  private RawUpstream upstream(RawUpstream.Script script) throws IOException {
    RawUpstream upstream = new RawUpstream(script);
    closeAfter.add(upstream);
    return upstream;
  }

  private CompletableFuture<String> call(UpstreamTransport transport, String baseUrl) {
    UpstreamRequest request =
        UpstreamRequest.postJson(URI.create(baseUrl + "/v1/chat/completions"), "{}".getBytes(StandardCharsets.UTF_8))
            .header("authorization", "Bearer k")
            .build();
    return transport.send(request, r -> r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8));
  }

  private static String get(CompletableFuture<String> answer) throws Exception {
    return answer.get(10, TimeUnit.SECONDS);
  }

  @Test
  void sequentialCallsFromOneIoThreadShareOneKeptAliveConnection() throws Exception {
    RawUpstream upstream = upstream((c, i, out) -> json(out, 200, OK));
    UpstreamTransport transport = new EventLoopTransport(client, 2_000);
    XnioIoThread inbound = worker.getIoThread(0);

    for (int i = 0; i < 5; i++) {
      CompletableFuture<CompletableFuture<String>> started = new CompletableFuture<>();
      inbound.execute(() -> started.complete(call(transport, upstream.baseUrl())));
      assertThat(get(started.get(10, TimeUnit.SECONDS))).isEqualTo("200 " + OK);
    }

    assertThat(upstream.connections()).isEqualTo(1);
    assertThat(upstream.requestLines()).hasSize(5).allMatch(line -> line.equals("POST /v1/chat/completions HTTP/1.1"));
  }

  @Test
  void callsFromOtherThreadsAreSpreadOverTheIoThreadsEachWithItsOwnConnections() throws Exception {
    RawUpstream upstream = upstream((c, i, out) -> json(out, 200, OK));
    UpstreamTransport transport = new EventLoopTransport(client, 2_000);

    for (int i = 0; i < 10; i++) {
      assertThat(get(call(transport, upstream.baseUrl()))).isEqualTo("200 " + OK);
    }

    assertThat(upstream.connections()).isBetween(1, worker.getIoThreadCount());
  }

  @Test
  void aKeptAliveConnectionThePeerDroppedIsReplacedWithoutFailingTheCall() throws Exception {
    // Answers, then closes without saying so (no "Connection: close"), as an idle timeout would.
    RawUpstream upstream = upstream((c, i, out) -> {
      json(out, 200, "{\"connection\":" + c + "}");
      throw new RawUpstream.Close();
    });
    UpstreamTransport transport = new EventLoopTransport(client, 2_000);

    for (int i = 0; i < 4; i++) {
      assertThat(get(call(transport, upstream.baseUrl()))).isEqualTo("200 {\"connection\":" + i + "}");
    }
    assertThat(upstream.connections()).isEqualTo(4);
  }

  @Test
  void errorStatusesAreAnswersWithTheirHeaders() throws Exception {
    RawUpstream upstream = upstream((c, i, out) -> {
      write(out, "HTTP/1.1 429 Too Many\r\nretry-after: 7\r\ncontent-length: 2\r\n\r\n{}");
    });
    UpstreamTransport transport = new EventLoopTransport(client, 2_000);
    UpstreamRequest request = UpstreamRequest.postJson(URI.create(upstream.baseUrl() + "/x"), new byte[0]).build();

    UpstreamResponse response = transport.send(request, r -> r).get(10, TimeUnit.SECONDS);

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).contains("7");
    assertThat(response.body()).asString().isEqualTo("{}");
  }

  @Test
  void aRefusedConnectionFailsAsAConnectFailure() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    UpstreamTransport transport = new EventLoopTransport(client, 2_000);

    assertThatThrownBy(() -> get(call(transport, "http://127.0.0.1:" + closedPort)))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(ProviderFailure.class, f -> {
          assertThat(f.kind()).isEqualTo(ProviderFailure.Kind.CONNECT);
          assertThat(f.summary()).isEqualTo("connection refused");
        });
  }

  @Test
  void aConnectThatDoesNotCompleteFailsAfterTheAccountsConnectTimeout() throws Exception {
    // A listener that never accepts, with its backlog full: the kernel drops further SYNs, so a
    // connect neither completes nor is refused.
    ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    closeAfter.add(full);
    for (int i = 0; i < 4; i++) {
      Socket filler = new Socket();
      closeAfter.add(filler);
      try {
        filler.connect(full.getLocalSocketAddress(), 200);
      } catch (IOException alreadyFull) {
        break;
      }
    }
    UpstreamTransport transport = new EventLoopTransport(client, 300);

    assertThatThrownBy(() -> get(call(transport, "http://127.0.0.1:" + full.getLocalPort())))
        .cause()
        .isInstanceOfSatisfying(ProviderFailure.class, f -> assertThat(f.summary()).isEqualTo("connect timeout"));
  }

  @Test
  void aNameIsResolvedOffTheIoThreadAndConnects() throws Exception {
    RawUpstream upstream = upstream((c, i, out) -> json(out, 200, OK));
    UpstreamTransport transport = new EventLoopTransport(client, 2_000);

    String byName = upstream.baseUrl().replace("127.0.0.1", "localhost");
    assertThat(get(call(transport, byName))).isEqualTo("200 " + OK);
  }

  @Test
  void aCallStartedOnAnIoThreadIsAnsweredOnThatThread() throws Exception {
    RawUpstream upstream = upstream((c, i, out) -> json(out, 200, OK));
    UpstreamTransport transport = new EventLoopTransport(client, 2_000);
    XnioIoThread inbound = worker.getIoThread(1);
    AtomicReference<Thread> answeredOn = new AtomicReference<>();
    CountDownLatch answered = new CountDownLatch(1);

    inbound.execute(() -> call(transport, upstream.baseUrl()).whenComplete((r, e) -> {
      answeredOn.set(Thread.currentThread());
      answered.countDown();
    }));

    assertThat(answered.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(answeredOn.get()).isSameAs(inbound);
  }

  @Test
  void cancellingAPendingCallClosesItsConnectionAndTheNextCallOpensAnother() throws Exception {
    RawUpstream upstream = upstream((c, i, out) -> {
      if (c != 0) { // the first connection's call is never answered
        json(out, 200, OK);
      }
    });
    UpstreamTransport transport = new EventLoopTransport(client, 2_000);
    CompletableFuture<String> pending = call(transport, upstream.baseUrl());
    await().atMost(Duration.ofSeconds(10)).until(() -> upstream.requestLines().size() == 1);

    pending.cancel(true);

    assertThat(upstream.peerClosed.await(10, TimeUnit.SECONDS)).as("the upstream saw the connection closed").isTrue();
    assertThat(get(call(transport, upstream.baseUrl()))).isEqualTo("200 " + OK);
    assertThat(upstream.connections()).isEqualTo(2);
  }

  @Test
  void streamEventsArriveWhateverHowTheBytesAreSplitAndEndOnce() throws Exception {
    RawUpstream upstream = upstream((c, i, out) -> {
      write(out, "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n");
      chunk(out, "data: {\"n\":1}\r");          // CR here, its LF in the next read
      chunk(out, "\n\r\nevent: x\ndata: {\"n\":");
      chunk(out, "2}\n\ndata: caf\u00e9\n\n"); // multi-byte UTF-8
      chunk(out, "data: [DONE]\n\n");
      write(out, "0\r\n\r\n");
    });
    UpstreamTransport transport = new EventLoopTransport(client, 2_000);
    RecordingSse handler = new RecordingSse();

    transport.streamEvents(UpstreamRequest.postJson(URI.create(upstream.baseUrl() + "/s"), new byte[0]).build(), handler);

    assertThat(handler.ended.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(handler.events).containsExactly("null:{\"n\":1}", "x:{\"n\":2}", "null:caf\u00e9", "null:[DONE]", "end");
  }

  @Test
  void aStreamAnsweredWithAnErrorStatusGivesTheWholeBody() throws Exception {
    RawUpstream upstream = upstream((c, i, out) -> json(out, 503, "{\"error\":\"busy\"}"));
    UpstreamTransport transport = new EventLoopTransport(client, 2_000);
    RecordingSse handler = new RecordingSse();

    transport.streamEvents(UpstreamRequest.postJson(URI.create(upstream.baseUrl() + "/s"), new byte[0]).build(), handler);

    assertThat(handler.ended.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(handler.events).containsExactly("http 503 {\"error\":\"busy\"}");
  }

  @Test
  void aCancelledStreamClosesItsConnectionAndCallsNothingMore() throws Exception {
    RawUpstream upstream = upstream((c, i, out) -> {
      write(out, "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n");
      for (int n = 0; ; n++) { // a stream that goes on until the reader hangs up
        chunk(out, "data: " + n + "\n\n");
        Thread.sleep(20); // the pace of the stream, not synchronisation
      }
    });
    UpstreamTransport transport = new EventLoopTransport(client, 2_000);
    RecordingSse handler = new RecordingSse();

    Cancellable stream =
        transport.streamEvents(UpstreamRequest.postJson(URI.create(upstream.baseUrl() + "/s"), new byte[0]).build(), handler);
    await().atMost(Duration.ofSeconds(10)).until(() -> handler.events.size() >= 2);
    stream.cancel();
    int seenBeforeCancelReturned = handler.events.size();

    assertThat(upstream.peerClosed.await(10, TimeUnit.SECONDS)).as("the upstream saw the connection closed").isTrue();
    assertThat(handler.events).hasSize(seenBeforeCancelReturned).doesNotContain("end");
  }

  @Test
  void aStreamCutMidwayEndsOnceWithoutTheRest() throws Exception {
    RawUpstream upstream = upstream((c, i, out) -> {
      write(out, "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n");
      chunk(out, "data: first\n\n");
      throw new RawUpstream.Close(); // no last chunk
    });
    UpstreamTransport transport = new EventLoopTransport(client, 2_000);
    RecordingSse handler = new RecordingSse();

    transport.streamEvents(UpstreamRequest.postJson(URI.create(upstream.baseUrl() + "/s"), new byte[0]).build(), handler);

    assertThat(handler.ended.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(handler.events).hasSize(2).startsWith("null:first");
    assertThat(handler.events.get(1)).matches("end|failure .*");
  }

  @Test
  void anOpenStreamLetsGoOfItsRequestOnceTheAnswersHeadIsIn() throws Exception {
    CountDownLatch finish = new CountDownLatch(1);
    RawUpstream upstream = upstream((c, i, out) -> {
      write(out, "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n");
      chunk(out, "data: first\n\n");
      finish.await(10, TimeUnit.SECONDS); // the stream stays open until the test has looked
      chunk(out, "data: [DONE]\n\n");
      write(out, "0\r\n\r\n");
    });
    UpstreamTransport transport = new EventLoopTransport(client, 2_000);
    RecordingSse handler = new RecordingSse();
    byte[] prompt = new byte[256 * 1024];
    WeakReference<byte[]> body = new WeakReference<>(prompt);

    Cancellable stream =
        transport.streamEvents(UpstreamRequest.postJson(URI.create(upstream.baseUrl() + "/s"), prompt).build(), handler);
    prompt = null;
    await().atMost(Duration.ofSeconds(10)).until(() -> handler.events.contains("null:first"));

    // A stream is open for minutes: its prompt (it cannot be sent again now) must not be held that long.
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      System.gc();
      return body.get() == null;
    });
    assertThat(handler.events).doesNotContain("end");
    finish.countDown();
    assertThat(handler.ended.await(10, TimeUnit.SECONDS)).isTrue();
    Reference.reachabilityFence(stream);
  }

  /** Records events and the one end, in order. */
  private static final class RecordingSse implements SseHandler {
    final List<String> events = new CopyOnWriteArrayList<>();
    final CountDownLatch ended = new CountDownLatch(1);

    @Override
    public void onEvent(String event, byte[] data) {
      events.add(event + ":" + new String(data, StandardCharsets.UTF_8));
    }

    @Override
    public void onEnd() {
      events.add("end");
      ended.countDown();
    }

    @Override
    public void onHttpError(int status, HttpHeaders headers, byte[] body) {
      events.add("http " + status + " " + new String(body, StandardCharsets.UTF_8));
      ended.countDown();
    }

    @Override
    public void onFailure(ProviderFailure failure) {
      events.add("failure " + failure.summary());
      ended.countDown();
    }
  }
}
