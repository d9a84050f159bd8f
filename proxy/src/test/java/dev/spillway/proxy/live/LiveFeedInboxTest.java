package dev.spillway.proxy.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spillway.proxy.events.TransitionLog;
import dev.spillway.proxy.telemetry.CallSummary;
import dev.spillway.stats.TransitionKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

/**
 * The inbox the request path hands finished calls to: bounded at {@link LiveFeed#INBOX} calls between
 * two pumps, the rest dropped and counted, and emptied by each pump so the bound holds again.
 */
class LiveFeedInboxTest {
  private static final CallSummary CALL = new CallSummary(Instant.EPOCH, 1_000, 200, "chat", "default", "v1", false,
      null, List.of(), null, null, null, null, null, null, null, "req-1");

  @Test
  void callsPastTheBoundAreDroppedAndCountedAndAPumpMakesRoomAgain() throws Exception {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    TransitionLog log = new TransitionLog(16, Clock.systemUTC());
    CountDownLatch pumpsMayRun = new CountDownLatch(1);
    try (LiveFeed feed = new LiveFeed(log, timer, Clock.systemUTC())) {
      timer.execute(() -> {
        try {
          pumpsMayRun.await(); // holds the timer's one thread: no pump runs until released
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      for (int i = 0; i < LiveFeed.INBOX + 7; i++) {
        feed.called(CALL);
      }
      assertThat(feed.stats().inboxDrops()).isEqualTo(7);

      pumpsMayRun.countDown();
      // A pump drains the calls before the transitions: once this line is out, the inbox was emptied.
      log.record(TransitionKind.CIRCUIT_OPENED, "acct", "acct/model", "circuit opened");
      await().atMost(Duration.ofSeconds(10))
          .until(() -> feed.recentEvents().stream().anyMatch(event -> event.message().contains("circuit opened")));

      for (int i = 0; i < LiveFeed.INBOX; i++) {
        feed.called(CALL);
      }
      assertThat(feed.stats().inboxDrops()).isEqualTo(7);
    } finally {
      timer.shutdownNow();
    }
  }
}
