package dev.spillway.proxy.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderWatcherTest {
  private static final Duration PATIENCE = Duration.ofSeconds(15);

  @TempDir Path dir;
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private FolderWatcher watcher;

  @AfterEach
  void stop() {
    watcher.close();
  }

  @Test
  void aMultiStepSaveWithinTheDebounceFiresOnceWithTheFinalContent() throws IOException {
    ConfigFolder folder = ConfigFolder.valid(dir);
    watcher = watcher(Duration.ofSeconds(2));

    folder.write("models.yaml", "");
    watcher.scheduleCheck();
    folder.write("models.yaml", ConfigFolder.MODEL.replace("sim-1", "sim-2"));
    watcher.scheduleCheck();

    await().atMost(PATIENCE).until(() -> seen.size() == 1);
    assertThat(seen.get(0)).contains("sim-2");
    watcher.checkNow();
    assertThat(seen).hasSize(1);
  }

  @Test
  void rewritingIdenticalContentDoesNotFire() {
    ConfigFolder folder = ConfigFolder.valid(dir);
    watcher = watcher(Duration.ZERO);

    folder.write("models.yaml", ConfigFolder.MODEL);
    watcher.checkNow();

    assertThat(seen).isEmpty();
  }

  @Test
  void filesOtherThanYamlAreIgnored() {
    ConfigFolder folder = ConfigFolder.valid(dir);
    watcher = watcher(Duration.ZERO);

    folder.write("secret.yaml.example", "anything");
    watcher.checkNow();
    assertThat(seen).isEmpty();

    folder.write("more.yml", ConfigFolder.MODEL);
    watcher.checkNow();
    assertThat(seen).hasSize(1);
  }

  @Test
  void fileEventsTriggerACheck() {
    ConfigFolder folder = ConfigFolder.valid(dir);
    watcher = watcher(Duration.ofMillis(200));
    watcher.startWatchingEvents();

    folder.write("models.yaml", ConfigFolder.MODEL.replace("sim-1", "sim-3"));

    await().atMost(PATIENCE).until(() -> seen.size() == 1);
    assertThat(seen.get(0)).contains("sim-3");
  }

  @Test
  void periodicCheckNoticesChangesWithoutFileEvents() {
    ConfigFolder folder = ConfigFolder.valid(dir);
    watcher = watcher(Duration.ofMillis(50));
    watcher.startPolling(Duration.ofMillis(100));

    folder.write("models.yaml", ConfigFolder.MODEL.replace("sim-1", "sim-4"));

    await().atMost(PATIENCE).until(() -> seen.size() == 1);
    assertThat(seen.get(0)).contains("sim-4");
  }

  private FolderWatcher watcher(Duration debounce) {
    return new FolderWatcher(dir, () -> seen.add(read(dir.resolve("models.yaml"))), debounce);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

}
