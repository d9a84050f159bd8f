package dev.spillway.proxy.providers.http;

import static dev.spillway.proxy.providers.http.RawUpstream.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioIoThread;
import org.xnio.XnioWorker;

/**
 * The read syscalls an upstream answer costs its IO thread (counted by the kernel in
 * /proc/thread-self/io), and answers whose bytes straddle the quiet wake-up still arriving whole.
 */
class QuietWakeupsTest {
  private static final Path THREAD_IO = Path.of("/proc/thread-self/io");
  private static final String BODY = "{\"id\":\"c1\",\"object\":\"chat.completion\",\"choices\":[]}";

  private XnioWorker worker;
  private XnioIoThread thread;
  private final ExecutorService blocking = Executors.newSingleThreadExecutor();
  private EventLoopClient client;
  private RawUpstream upstream;

  @BeforeEach
  void start() throws IOException {
    worker = Xnio.getInstance().createWorker(OptionMap.create(Options.WORKER_IO_THREADS, 1));
    thread = worker.getIoThread(0);
    client = new EventLoopClient(blocking, UpstreamLimits.DEFAULTS);
    client.start(worker);
  }

  @AfterEach
  void stop() throws IOException {
    if (upstream != null) {
      upstream.close();
    }
    worker.shutdownNow();
    blocking.shutdownNow();
  }

  @Test
  void anAnswerWhoseBodyCameWithItsHeadCostsOneReadOfTheSocket() throws Exception {
    assumeThat(Files.isReadable(THREAD_IO)).as("per-thread IO accounting (Linux)").isTrue();
    assertThat(ClientConnector.quiet()).as("this Undertow has the client connection's constructor").isTrue();
    // Head and body in one write: they reach the IO thread in one read, and the body is pushed back.
    upstream = new RawUpstream((c, i, out) -> write(out,
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: " + BODY.length() + "\r\n\r\n" + BODY));
    UpstreamTransport transport = new EventLoopTransport(client, 2_000);
    assertThat(call(transport)).isEqualTo("200 " + BODY); // connects; kept alive from here on

    long before = readSyscalls();
    long measuring = readSyscalls() - before; // what one look at the counter costs
    long start = readSyscalls();
    int calls = 40;
    for (int i = 0; i < calls; i++) {
      assertThat(call(transport)).isEqualTo("200 " + BODY);
    }
    double perCall = (readSyscalls() - start - measuring) / (double) calls;

    // A call reads the answer once, and once more drains the selector's wake-up (the call is
    // handed over from this test's thread). Undertow's queued wake-up used to read the idle
    // socket a third time, for nothing (EAGAIN).
    assertThat(upstream.connections()).isEqualTo(1);
    assertThat(perCall).isLessThan(2.5);
  }

  @Test
  void bytesStillOnTheSocketWhenTheWakeupRunsArriveWithTheNextReadiness() throws Exception {
    // The head and the body's first part in one write, the rest in a second (Nagle holds it
    // until the first is acknowledged): the wake-up dispatch serves the pushed-back part, a read
    // of the socket in it answers 0, and the rest comes with the socket's next readiness.
    upstream = new RawUpstream((c, i, out) -> {
      write(out, "HTTP/1.1 200 OK\r\ncontent-length: " + BODY.length() + "\r\n\r\n" + BODY.substring(0, 20));
      write(out, BODY.substring(20));
    });
    UpstreamTransport transport = new EventLoopTransport(client, 2_000);

    for (int i = 0; i < 3; i++) {
      assertThat(call(transport)).isEqualTo("200 " + BODY);
    }
    assertThat(upstream.connections()).isEqualTo(1);
  }

  private String call(UpstreamTransport transport) throws Exception {
    UpstreamRequest request =
        UpstreamRequest.postJson(URI.create(upstream.baseUrl() + "/v1/chat/completions"),
            "{}".getBytes(StandardCharsets.UTF_8)).build();
    return transport.send(request, r -> r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8))
        .get(10, TimeUnit.SECONDS);
  }

  /** The read syscalls the IO thread made so far, looked up on the IO thread itself. */
  private long readSyscalls() throws Exception {
    CompletableFuture<Long> count = new CompletableFuture<>();
    thread.execute(() -> {
      try {
        for (String line : Files.readAllLines(THREAD_IO)) {
          if (line.startsWith("syscr:")) {
            count.complete(Long.parseLong(line.substring(6).trim()));
          }
        }
      } catch (IOException e) {
        count.completeExceptionally(new UncheckedIOException(e));
      }
    });
    return count.get(10, TimeUnit.SECONDS);
  }
}
