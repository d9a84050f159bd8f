package dev.spillway.proxy.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spillway.proxy.server.ProxyOptions;
import dev.spillway.proxy.testing.ProxyClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Editing the folder of a running proxy: valid edits take effect at once, invalid ones are ignored. */
class HotReloadTest {
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final String OLD_REPLY = "Hello from sim-primary, the healthy primary.";
  private static final String NEW_REPLY = "Hello from sim-primary, edited while serving.";

  @TempDir Path dir;

  @Test
  void validEditsApplyInvalidOnesAreLoggedAndIgnoredAndNoCallFails() throws Exception {
    Path folder = Samples.copy("quickstart", dir);
    assertThat(Files.readString(folder.resolve("accounts.yaml"))).contains(OLD_REPLY);
    AtomicInteger served = new AtomicInteger();
    AtomicInteger servedNewReply = new AtomicInteger();
    List<String> failures = new CopyOnWriteArrayList<>();
    AtomicBoolean running = new AtomicBoolean(true);
    ExecutorService senders = Executors.newFixedThreadPool(2);

    try (StandaloneProxy proxy = StandaloneProxy.start(
            new ProxyOptions("127.0.0.1", 0, ProxyOptions.DEFAULT_MAX_BODY), folder, Map.of());
        LogCapture logs = new LogCapture(ConfigReloader.class)) {
      ProxyClient client = new ProxyClient(proxy.port());
      for (int i = 0; i < 2; i++) {
        senders.submit(() -> {
          while (running.get()) {
            try {
              HttpResponse<String> response = client.chat(ProxyClient.chatBody("chat"));
              if (response.statusCode() != 200) {
                failures.add(response.statusCode() + " " + response.body());
              } else if (response.body().contains(NEW_REPLY)) {
                servedNewReply.incrementAndGet();
              }
              served.incrementAndGet();
            } catch (Exception e) {
              failures.add(e.toString());
            }
          }
          return null;
        });
      }
      try {
        await().atMost(PATIENCE).until(() -> served.get() >= 10);
        editValidlyThenInvalidly(proxy, logs, folder, served, servedNewReply);
      } finally {
        // Stop the traffic before the proxy closes, so only calls made while it serves count.
        running.set(false);
        senders.shutdown();
        assertThat(senders.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
      }
    }
    assertThat(failures).isEmpty();
    assertThat(servedNewReply.get()).isPositive();
  }

  @Test
  void aFaultAddedWhileServingSpillsCallsToTheBackup() throws Exception {
    Path folder = Samples.copy("quickstart", dir);
    Path accounts = folder.resolve("accounts.yaml");
    String original = Files.readString(accounts);
    String primaryWithFault = original.replace("""
            interChunkDelay: 15ms  # gap between streamed chunks
        """, """
            interChunkDelay: 15ms  # gap between streamed chunks
            faults:
              - kind: error
                status: 500
        """);
    assertThat(primaryWithFault).isNotEqualTo(original);

    try (StandaloneProxy proxy = StandaloneProxy.start(
        new ProxyOptions("127.0.0.1", 0, ProxyOptions.DEFAULT_MAX_BODY), folder, Map.of())) {
      ProxyClient client = new ProxyClient(proxy.port());
      assertThat(client.chat(ProxyClient.chatBody("chat")).headers().firstValue("x-spillway-served-by"))
          .hasValueSatisfying(servedBy -> assertThat(servedBy).startsWith("sim-primary/"));
      String before = proxy.config().version();

      Files.writeString(accounts, primaryWithFault);
      await().atMost(PATIENCE).until(() -> !proxy.config().version().equals(before));
      HttpResponse<String> response = client.chat(ProxyClient.chatBody("chat"));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("x-spillway-served-by"))
          .hasValueSatisfying(servedBy -> assertThat(servedBy).startsWith("sim-backup/"));
      assertThat(response.headers().firstValue("x-spillway-fallback-reason")).isPresent();
    }
  }

  private static void editValidlyThenInvalidly(StandaloneProxy proxy, LogCapture logs, Path folder,
      AtomicInteger served, AtomicInteger servedNewReply) throws Exception {
    Path accounts = folder.resolve("accounts.yaml");
    String original = Files.readString(accounts);
    String firstVersion = proxy.config().version();

    Files.writeString(accounts, original.replace(OLD_REPLY, NEW_REPLY));
    await().atMost(PATIENCE).until(() -> !proxy.config().version().equals(firstVersion));
    String editedVersion = proxy.config().version();
    await().atMost(PATIENCE).until(() -> servedNewReply.get() >= 5);

    Files.writeString(folder.resolve("models.yaml"),
        Files.readString(folder.resolve("models.yaml")).replace("account: sim-backup", "account: sim-bakcup"));
    await().atMost(PATIENCE).until(() -> !logs.linesStartingWith("config rejected: ").isEmpty());
    int servedAtRejection = served.get();
    await().atMost(PATIENCE).until(() -> served.get() >= servedAtRejection + 10);

    assertThat(proxy.config().version()).isEqualTo(editedVersion);
    assertThat(logs.linesStartingWith("config rejected: ")).allSatisfy(
        line -> assertThat(line).contains("sim-bakcup"));
    assertThat(logs.linesStartingWith("config ").stream().filter(line -> line.contains(" loaded from ")))
        .hasSize(1);
  }
}
