package dev.spillway.proxy.standalone;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls {@code onChange} when the folder's YAML content changes. Watch events are debounced, so an
 * editor's multi-step save (truncate, write, rename) reloads once; a periodic check catches
 * filesystems without watch events (network and some container mounts). Both only schedule a
 * fingerprint check, which fires {@code onChange} when the content really differs. Checks and
 * {@code onChange} run on one thread, one at a time.
 */
final class FolderWatcher implements AutoCloseable {
  static final Duration DEBOUNCE = Duration.ofMillis(200);
  static final Duration POLL_EVERY = Duration.ofSeconds(2);

  private static final Logger log = LoggerFactory.getLogger(FolderWatcher.class);

  private final Path folder;
  private final Runnable onChange;
  private final Duration debounce;
  private final ScheduledExecutorService timer;
  private String fingerprint;
  private ScheduledFuture<?> pendingCheck;
  private volatile WatchService watchService;

  /** Takes the folder's fingerprint now: changes from here on are reported. */
  FolderWatcher(Path folder, Runnable onChange, Duration debounce) {
    this.folder = folder;
    this.onChange = onChange;
    this.debounce = debounce;
    this.fingerprint = FolderFingerprint.of(folder);
    this.timer =
        Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "spillway-config-check"));
  }

  /** The fallback for filesystems without watch events: a fingerprint check every so often. */
  void startPolling(Duration every) {
    long everyMs = every.toMillis();
    timer.scheduleWithFixedDelay(this::scheduleCheck, everyMs, everyMs, TimeUnit.MILLISECONDS);
  }

  /** Reacts to file events at once (debounced); logs and relies on polling where there are none. */
  void startWatchingEvents() {
    try {
      watchService = folder.getFileSystem().newWatchService();
      folder.register(watchService, StandardWatchEventKinds.ENTRY_CREATE,
          StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
      daemon(this::watchEvents, "spillway-config-watch").start();
    } catch (IOException | UnsupportedOperationException noEvents) {
      log.info("no file events for {} ({}); relying on the periodic check", folder, noEvents.getMessage());
    }
  }

  /** (Re)starts the debounce timer: the check runs once the folder has been quiet for a moment. */
  synchronized void scheduleCheck() {
    if (timer.isShutdown()) {
      return;
    }
    if (pendingCheck != null) {
      pendingCheck.cancel(false);
    }
    pendingCheck = timer.schedule(this::checkNow, debounce.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Fires {@code onChange} if the content differs from the last check. */
  void checkNow() {
    String now = FolderFingerprint.of(folder);
    synchronized (this) {
      if (now.equals(fingerprint)) {
        return;
      }
      fingerprint = now;
    }
    try {
      onChange.run();
    } catch (RuntimeException bug) {
      log.error("reloading {} failed", folder, bug);
    }
  }

  private void watchEvents() {
    try {
      while (true) {
        WatchKey key = watchService.take();
        key.pollEvents();
        scheduleCheck();
        if (!key.reset()) {
          log.warn("{} can no longer be watched; checking for changes periodically", folder);
          return;
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException closed) {
      // close() ends the loop.
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    if (watchService != null) {
      try {
        watchService.close();
      } catch (IOException ignored) {
        // Nothing left to release.
      }
    }
  }

  private static Thread daemon(Runnable body, String name) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }
}
