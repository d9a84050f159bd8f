package dev.spillway.proxy.soak;

import static dev.spillway.proxy.testing.MediaSamples.embeddingsBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.spillway.config.RouterConfig;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.proxy.providers.http.UpstreamLimits;
import dev.spillway.proxy.server.ClientLimits;
import dev.spillway.proxy.server.ProxyOptions;
import dev.spillway.proxy.server.ProxyServer;
import dev.spillway.proxy.telemetry.TelemetryOptions;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.LoopbackHttpServer;
import dev.spillway.proxy.testing.ProxyClient;
import dev.spillway.proxy.testing.Reply;
import java.io.File;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Soak and chaos, bounded in time and count, loopback only: mixed plain, streamed and embeddings
 * traffic over models whose first target is broken (endless bodies, stalls, resets, garbage) and
 * whose second is healthy, while slow clients hold half-sent requests and the config is reloaded
 * every second. Every call must be served (a healthy path exists for each), and the heap, the
 * threads and the open files must come back to where they were.
 *
 * <p>Short in {@code mvn verify} (15 s of traffic); the long form is
 * {@code -Dspillway.soak.seconds=600} (docs/hardening.md).
 */
class SoakTest {
  private static final int SECONDS = Integer.getInteger("spillway.soak.seconds", 15);
  private static final int CLIENTS = 4;
  /** How the JDK HttpClient names its threads ("HttpClient-3-SelectorManager", "HttpClient-3-Worker-0"). */
  private static final String JDK_CLIENT_THREADS = "HttpClient-";
  private static final String ROLE_CHUNK = "data: {\"id\":\"s\",\"object\":\"chat.completion.chunk\","
      + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"}}]}";
  private static final String CONTENT_CHUNK = "data: {\"id\":\"s\",\"object\":\"chat.completion.chunk\","
      + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"healthy\"},\"finish_reason\":\"stop\"}]}";

  /** The faults a broken first target plays, one server each. */
  private enum Fault {
    ENDLESS(Reply.endless("application/json", "{\"a\":1}")),
    GARBAGE(Reply.json(200, "<html>upstream exploded</html>")),
    RESET(Reply.sse(List.of(ROLE_CHUNK, ROLE_CHUNK, CONTENT_CHUNK)).cutAfter(1)),
    STALL(Reply.sse(List.of(ROLE_CHUNK, CONTENT_CHUNK)).every(Duration.ofMinutes(5)));

    final Reply reply;

    Fault(Reply reply) {
      this.reply = reply;
    }
  }

  /** The kinds of call, each with its healthy server's answer. */
  private enum Kind {
    PLAIN(Reply.json(200, ProxyClient.completion("healthy")), "/v1/chat/completions"),
    STREAM(Reply.sse(List.of(ROLE_CHUNK, CONTENT_CHUNK, "data: [DONE]")), "/v1/chat/completions"),
    EMBEDDINGS(Reply.json(200, embeddingsBody(new double[] {0.1, 0.2, 0.3})), "/v1/embeddings");

    final Reply healthy;
    final String path;

    Kind(Reply healthy, String path) {
      this.healthy = healthy;
      this.path = path;
    }

    String body(String model) {
      return switch (this) {
        case PLAIN -> ProxyClient.chatBody(model);
        case STREAM -> ProxyClient.streamBody(model);
        case EMBEDDINGS -> "{\"model\":\"" + model + "\",\"input\":\"soak\"}";
      };
    }

    boolean served(HttpResponse<String> response) {
      return response.statusCode() == 200 && switch (this) {
        case PLAIN, STREAM -> response.body().contains("healthy") && !response.body().contains("\"error\"");
        case EMBEDDINGS -> response.body().contains("\"embedding\"");
      };
    }
  }

  @Test
  void mixedTrafficOverBrokenUpstreamsWithSlowClientsAndReloadsServesEveryCallAndLeaksNothing() throws Exception {
    List<AutoCloseable> servers = new ArrayList<>();
    Map<Fault, LoopbackHttpServer> broken = new ConcurrentHashMap<>();
    Map<Kind, LoopbackHttpServer> healthy = new ConcurrentHashMap<>();
    for (Fault fault : Fault.values()) {
      broken.put(fault, track(servers, LoopbackHttpServer.start().always(fault.reply)));
    }
    for (Kind kind : Kind.values()) {
      healthy.put(kind, track(servers, LoopbackHttpServer.start().always(kind.healthy)));
    }
    ProxyServer proxy = new ProxyServer(new ProxyOptions("127.0.0.1", 0, 64 * 1024, TelemetryOptions.DEFAULTS,
        new ClientLimits(1_000, 1_000, 5_000, 16 * 1024), new UpstreamLimits(64 * 1024, 16 * 1024, 500)),
        ref -> Optional.empty());
    servers.add(0, proxy);
    try {
      proxy.start();
      proxy.configSink().accept(config(broken, healthy, 0));
      ProxyClient client = new ProxyClient(proxy.port());
      Kind.PLAIN.served(call(client, Kind.PLAIN, Fault.GARBAGE)); // warm-up
      Resources before = Resources.now();

      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
      AtomicLong served = new AtomicLong();
      List<String> failed = new ArrayList<>();
      AtomicInteger slowClientsCut = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 3);
      List<Future<?>> work = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        work.add(pool.submit(() -> {
          while (System.nanoTime() < end) {
            Kind kind = Kind.values()[ThreadLocalRandom.current().nextInt(Kind.values().length)];
            Fault fault = Fault.values()[ThreadLocalRandom.current().nextInt(Fault.values().length)];
            HttpResponse<String> response = call(client, kind, fault);
            if (kind.served(response)) {
              served.incrementAndGet();
            } else {
              synchronized (failed) {
                failed.add(kind + " over " + fault + ": " + response.statusCode() + " " + response.body());
              }
            }
          }
          return null;
        }));
      }
      for (int i = 0; i < 2; i++) {
        work.add(pool.submit(() -> {
          while (System.nanoTime() < end) {
            slowClient(proxy.port());
            slowClientsCut.incrementAndGet();
          }
          return null;
        }));
      }
      work.add(pool.submit(() -> {
        for (int version = 1; System.nanoTime() < end; version++) {
          proxy.configSink().accept(config(broken, healthy, version));
          Thread.sleep(1_000); // the reload cadence under test, not synchronisation
        }
        return null;
      }));
      for (Future<?> task : work) {
        task.get(SECONDS + 120L, TimeUnit.SECONDS);
      }
      pool.shutdown();

      assertThat(failed).as("calls a healthy path could serve").isEmpty();
      assertThat(served.get()).isPositive();
      assertThat(slowClientsCut.get()).isPositive();
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
        Resources after = Resources.now();
        assertThat(after.threads).as("the proxy's and the test's threads: %s", after.threadNames)
            .isLessThanOrEqualTo(before.threads + 16);
        assertThat(after.openFiles).as("open files").isLessThanOrEqualTo(before.openFiles + 64);
        assertThat(after.heapBytes).as("heap after GC").isLessThanOrEqualTo(before.heapBytes + (128L << 20));
      });
      Resources after = Resources.now();
      System.out.printf("soak: %d s, %d calls served, %d slow clients cut, %s before, %s after; threads before %s,"
          + " after %s%n", SECONDS, served.get(), slowClientsCut.get(), before, after, before.threadNames,
          after.threadNames);
    } finally {
      for (AutoCloseable server : servers) {
        server.close();
      }
    }
  }

  private static LoopbackHttpServer track(List<AutoCloseable> servers, LoopbackHttpServer server) {
    servers.add(server);
    return server;
  }

  /** One model per kind of call and fault: the broken server first, the healthy one second. */
  private static RouterConfig config(Map<Fault, LoopbackHttpServer> broken, Map<Kind, LoopbackHttpServer> healthy, int version) {
    // Quick on the broken targets, so a stall is cut and the call moves on; roomy on the healthy
    // ones, which answer at once but on a loaded machine may take over a second to be heard.
    TimeoutConfig quick = new TimeoutConfig(500, 1_500, 1_500);
    TimeoutConfig roomy = new TimeoutConfig(5_000, 10_000, 10_000);
    ConfigBuilder config = ConfigBuilder.create().version("soak-" + version);
    for (Fault fault : Fault.values()) {
      config.account("broken-" + fault, broken.get(fault).baseUrl(), quick, null);
    }
    for (Kind kind : Kind.values()) {
      config.account("healthy-" + kind, healthy.get(kind).baseUrl(), roomy, null);
      for (Fault fault : Fault.values()) {
        config.model(model(kind, fault), m -> m.target("broken-" + fault, "m").target("healthy-" + kind, "m"));
      }
    }
    return config.build();
  }

  private static String model(Kind kind, Fault fault) {
    return (kind + "-" + fault).toLowerCase();
  }

  private static HttpResponse<String> call(ProxyClient client, Kind kind, Fault fault) throws Exception {
    return client.send(HttpRequest.newBuilder(client.uri(kind.path)).timeout(Duration.ofSeconds(30))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(kind.body(model(kind, fault)))));
  }

  /** Half a request, then nothing: the proxy must cut it (header or body deadline) on its own. */
  private static void slowClient(int port) throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      String head = "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n";
      out.write((ThreadLocalRandom.current().nextBoolean() ? head : head + "Content-Length: 5000000\r\n\r\n{\"model\":")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      socket.getInputStream().readAllBytes(); // returns when the proxy closes; times out (fails) otherwise
    }
  }

  /**
   * Threads, but neither the scripted providers' (each STALL reply holds one of theirs for minutes,
   * and their pools grow with the load on the machine) nor the JDK HTTP clients' (the test's: this
   * proxy's upstreams are plain HTTP served by its event loop; a client's selector thread lives until
   * it is collected and its workers idle for a minute, so earlier test classes' clients come and go
   * in the count — 136 of them before one run in the suite); open file descriptors (Linux); heap used
   * after a GC.
   */
  private record Resources(int threads, long openFiles, long heapBytes, Map<String, Long> threadNames) {
    static Resources now() {
      System.gc();
      File[] fds = new File("/proc/self/fd").listFiles();
      assumeTrue(fds != null, "needs /proc/self/fd (Linux)");
      Map<String, Long> names = Thread.getAllStackTraces().keySet().stream()
          .map(Thread::getName)
          .filter(name -> !name.startsWith(LoopbackHttpServer.THREAD_NAME) && !name.startsWith(JDK_CLIENT_THREADS))
          // Pools by name, their numbers dropped: "XNIO-1 task-7" counts as "XNIO-# task-#".
          .collect(Collectors.groupingBy(name -> name.replaceAll("\\d+", "#"), TreeMap::new, Collectors.counting()));
      int threads = (int) names.values().stream().mapToLong(Long::longValue).sum();
      return new Resources(threads, fds.length, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), names);
    }

    @Override
    public String toString() {
      return "threads=" + threads + ", openFiles=" + openFiles + ", heapBytes=" + heapBytes;
    }
  }
}
