package dev.spillway.proxy.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.proxy.http.Json;
import dev.spillway.proxy.server.ProxyOptions;
import dev.spillway.proxy.server.ProxyServer;
import dev.spillway.proxy.testing.ProxyClient;
import dev.spillway.stats.TransitionKind;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A hundred viewers that connect to the event stream and never read: each holds a bounded buffer,
 * lines beyond it are dropped and counted, and the proxy's heap does not grow with what they miss.
 */
class IdleViewersTest {
  private static final int VIEWERS = 100;
  private static final int LINES = 2_000;
  /** Published in batches the feed's transition subscription can hold (it drains every 200 ms). */
  private static final int BATCH = 500;
  private static final String PADDING = "x".repeat(2_000);

  private final ProxyServer proxy = new ProxyServer(new ProxyOptions("127.0.0.1", 0, 1 << 20), ref -> Optional.empty());
  private final List<Socket> viewers = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (Socket viewer : viewers) {
      viewer.close();
    }
    proxy.close();
  }

  @Test
  void idleViewersKeepMemoryBoundedAndCountWhatTheyMiss() throws Exception {
    proxy.start();
    ProxyClient admin = new ProxyClient(proxy.adminPort());
    long heapBefore = heapAfterGc();
    for (int i = 0; i < VIEWERS; i++) {
      viewers.add(idleViewer(proxy.adminPort()));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> feed(admin).path("viewers").asInt() == VIEWERS);

    for (int published = 0; published < LINES; published += BATCH) {
      for (int i = 0; i < BATCH; i++) {
        proxy.transitions().record(TransitionKind.HEALTH_CHECK_FAILED, "acct", "acct/model",
            "line " + (published + i) + " " + PADDING);
      }
      int expected = published + BATCH;
      await().atMost(Duration.ofSeconds(30)).until(() -> lastSeq(admin) >= expected);
    }

    JsonNode feed = feed(admin);
    assertThat(feed.path("viewers").asInt()).isEqualTo(VIEWERS);
    assertThat(feed.path("transitionDrops").asLong()).isZero();
    // Each viewer buffers at most 64 lines past what its socket took; the rest of its 2,000 are dropped.
    assertThat(feed.path("viewerDrops").asLong()).isGreaterThan((long) VIEWERS * (LINES / 2));
    // Had the lines been kept for them, 100 viewers x 2,000 lines x 2 KB would be 400 MB.
    long grown = heapAfterGc() - heapBefore;
    assertThat(grown).as("heap growth in bytes").isLessThan(64L << 20);
  }

  /** Asks for the stream with a tiny receive window, then never reads. */
  private static Socket idleViewer(int port) throws Exception {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(1024);
    socket.connect(new InetSocketAddress("127.0.0.1", port));
    OutputStream out = socket.getOutputStream();
    out.write(("GET /v1/spillway/live/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return socket;
  }

  private static JsonNode feed(ProxyClient admin) throws Exception {
    return panel(admin).path("feed");
  }

  private static long lastSeq(ProxyClient admin) throws Exception {
    JsonNode events = panel(admin).path("events");
    return events.isEmpty() ? 0 : events.get(events.size() - 1).path("seq").asLong();
  }

  private static JsonNode panel(ProxyClient admin) throws Exception {
    return Json.MAPPER.readTree(admin.get("/v1/spillway/live").body());
  }

  private static long heapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
