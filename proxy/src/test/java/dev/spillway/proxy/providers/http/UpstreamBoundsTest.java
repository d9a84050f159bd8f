package dev.spillway.proxy.providers.http;

import static dev.spillway.proxy.providers.http.RawUpstream.chunk;
import static dev.spillway.proxy.providers.http.RawUpstream.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.spillway.config.AccountConfig;
import dev.spillway.api.v1alpha1.ProviderKind;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.proxy.providers.ProviderFailure;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioWorker;

/**
 * Issue 17, finding 1: an upstream that never ends its body, never ends a stream line, or stalls
 * after its headers fails the attempt (oversized or timeout) on both transports, instead of being
 * buffered until the heap is gone or held until the overall deadline.
 */
class UpstreamBoundsTest {
  private static final UpstreamLimits LIMITS = new UpstreamLimits(64 * 1024, 16 * 1024, 500);

  enum Kind {
    EVENT_LOOP,
    JDK
  }

  private XnioWorker worker;
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final List<AutoCloseable> closeAfter = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    worker = Xnio.getInstance().createWorker(OptionMap.create(Options.WORKER_IO_THREADS, 1));
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closeAfter) {
      c.close();
    }
    worker.shutdownNow();
    executor.shutdownNow();
    scheduler.shutdownNow();
  }

  private UpstreamTransport transport(Kind kind) {
    if (kind == Kind.EVENT_LOOP) {
      EventLoopClient client = new EventLoopClient(executor, LIMITS);
      client.start(worker);
      return new EventLoopTransport(client, 2_000);
    }
    AccountConfig account = new AccountConfig("a", ProviderKind.OPENAI, "http://127.0.0.1", null, null, null, false,
        Map.of(), TimeoutConfig.DEFAULTS, null, null, null, null);
    return new JdkTransport(account, executor, LIMITS, scheduler);
  }

  private String upstream(RawUpstream.Script script) throws IOException {
    RawUpstream upstream = new RawUpstream(script);
    closeAfter.add(upstream);
    return upstream.baseUrl();
  }

  private static UpstreamRequest request(String baseUrl) {
    return UpstreamRequest.postJson(URI.create(baseUrl + "/v1/chat/completions"), "{}".getBytes(StandardCharsets.UTF_8)).build();
  }

  /** Writes a chunked body forever (until the proxy side closes the connection). */
  private static void endless(OutputStream out, String head, String filler) throws IOException {
    write(out, "HTTP/1.1 200 OK\r\ncontent-type: " + head + "\r\ntransfer-encoding: chunked\r\n\r\n");
    String block = filler.repeat(1024);
    while (true) {
      chunk(out, block);
    }
  }

  private static ProviderFailure failureOf(CompletableFuture<?> call) {
    ExecutionException thrown = (ExecutionException) catchThrowable(() -> call.get(20, TimeUnit.SECONDS));
    assertThat(thrown).isNotNull();
    assertThat(thrown.getCause()).isInstanceOf(ProviderFailure.class);
    return (ProviderFailure) thrown.getCause();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void anEndlessBodyFailsAsOversizedAtTheLimit(Kind kind) throws Exception {
    String url = upstream((c, i, out) -> endless(out, "application/json", "a"));

    ProviderFailure failure = failureOf(transport(kind).send(request(url), Function.identity()));

    assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.OVERSIZED);
    assertThat(failure.summary()).isEqualTo("upstream body over 65536 bytes");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aDeclaredLengthOverTheLimitFailsAsOversized(Kind kind) throws Exception {
    String url = upstream((c, i, out) -> {
      write(out, "HTTP/1.1 200 OK\r\ncontent-length: 100000000\r\n\r\n");
      endless(out, "x", "a");
    });

    ProviderFailure failure = failureOf(transport(kind).send(request(url), Function.identity()));

    assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.OVERSIZED);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aBodyThatStallsAfterItsHeadersFailsAsATimeout(Kind kind) throws Exception {
    String url = upstream((c, i, out) -> {
      write(out, "HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{\"partial\":");
      Thread.sleep(60_000); // the upstream's fault under test, not synchronisation
    });

    long started = System.nanoTime();
    ProviderFailure failure = failureOf(transport(kind).send(request(url), Function.identity()));

    assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.TIMEOUT);
    assertThat(failure.summary()).isEqualTo("upstream body stalled for 500 ms");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(10_000);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aStreamLineWithoutANewlineFailsAsOversized(Kind kind) throws Exception {
    String url = upstream((c, i, out) -> endless(out, "text/event-stream", "x"));

    ProviderFailure failure = streamFailure(transport(kind), url);

    assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.OVERSIZED);
    assertThat(failure.summary()).isEqualTo("upstream stream line over 16384 bytes");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void anEventWhoseDataLinesNeverEndFailsAsOversized(Kind kind) throws Exception {
    String url = upstream((c, i, out) -> endless(out, "text/event-stream", "data: x\n"));

    ProviderFailure failure = streamFailure(transport(kind), url);

    assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.OVERSIZED);
    assertThat(failure.summary()).startsWith("upstream stream event over");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aStreamThatStallsFailsAsATimeout(Kind kind) throws Exception {
    String url = upstream((c, i, out) -> {
      write(out, "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n");
      chunk(out, "data: {}\n\n");
      Thread.sleep(60_000); // the upstream's fault under test, not synchronisation
    });

    ProviderFailure failure = streamFailure(transport(kind), url);

    assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.TIMEOUT);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void anEndlessErrorBodyOnAStreamFailsAsOversized(Kind kind) throws Exception {
    String url = upstream((c, i, out) -> {
      write(out, "HTTP/1.1 500 X\r\ntransfer-encoding: chunked\r\n\r\n");
      while (true) {
        chunk(out, "e".repeat(1024));
      }
    });

    ProviderFailure failure = streamFailure(transport(kind), url);

    assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.OVERSIZED);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void answersWithinTheLimitsStillArrive(Kind kind) throws Exception {
    String body = "{\"text\":\"" + "a".repeat(60_000) + "\"}";
    String url = upstream((c, i, out) -> RawUpstream.json(out, 200, body));

    UpstreamResponse response = transport(kind).send(request(url), Function.identity()).get(20, TimeUnit.SECONDS);

    assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(body);
  }

  private static ProviderFailure streamFailure(UpstreamTransport transport, String url) throws Exception {
    CompletableFuture<ProviderFailure> failed = new CompletableFuture<>();
    transport.streamEvents(request(url), new SseHandler() {
      @Override
      public void onEvent(String event, byte[] data) {}

      @Override
      public void onEnd() {
        failed.completeExceptionally(new AssertionError("ended"));
      }

      @Override
      public void onHttpError(int status, HttpHeaders headers, byte[] body) {
        failed.completeExceptionally(new AssertionError("http " + status + " with " + body.length + " bytes"));
      }

      @Override
      public void onFailure(ProviderFailure failure) {
        failed.complete(failure);
      }
    });
    return failed.get(20, TimeUnit.SECONDS);
  }
}
