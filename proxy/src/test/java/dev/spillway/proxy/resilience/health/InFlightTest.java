package dev.spillway.proxy.resilience.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InFlightTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
  private final InFlight inFlight = new InFlight();

  @Test
  void agesAreWholeMillisecondsOfTheOldestCallsOldestFirstAndAtMostOneMillisecondUnder() {
    long now = 1_000_000 * MS;
    inFlight.started(now - 5_000 * MS - MS / 2); // 5,000.5 ms old: its millisecond ended 5,000 ms ago
    inFlight.started(now - 40 * MS); // 40 ms old: reads 39, never more than it is
    inFlight.started(now - 40 * MS + MS / 3); // the same millisecond as the one before
    inFlight.started(now - MS / 2); // under a millisecond: not over any threshold

    assertThat(inFlight.count()).isEqualTo(4);
    assertThat(inFlight.oldestAgesMs(now, 0)).containsExactly(5_000, 39, 39);
    assertThat(inFlight.oldestAgesMs(now, 39)).containsExactly(5_000);
    assertThat(inFlight.oldestAgesMs(now, Long.MAX_VALUE)).isEmpty();
  }

  @Test
  void callsEndedLeaveNoBucketBehindButTheCurrentOne() {
    long now = 7_000 * MS;
    for (int ms = 0; ms < 50; ms++) {
      inFlight.started(now + ms * MS);
      inFlight.started(now + ms * MS + 1);
    }
    for (int ms = 0; ms < 50; ms++) {
      inFlight.ended(now + ms * MS + 1);
      inFlight.ended(now + ms * MS);
    }

    assertThat(inFlight.count()).isZero();
    assertThat(inFlight.bucketsHeld()).as("the latest millisecond is kept for the next start").isLessThanOrEqualTo(1);
    assertThat(inFlight.oldestAgesMs(now + 60 * MS, 0)).isEmpty();
  }

  @Test
  void aStartInAnEmptiedEarlierMillisecondIsCountedAgainAndItsEndTakesItOut() {
    long now = 9_000 * MS;
    inFlight.started(now);
    inFlight.started(now + 5 * MS); // later: current now
    inFlight.ended(now); // the earlier millisecond emptied, so taken out

    inFlight.started(now + MS / 2); // a starter that read the clock before the end above
    assertThat(inFlight.count()).isEqualTo(2);
    assertThat(inFlight.oldestAgesMs(now + 100 * MS, 0)).containsExactly(99, 94);

    inFlight.ended(now + MS / 2);
    inFlight.ended(now + 5 * MS);
    assertThat(inFlight.count()).isZero();
    assertThat(inFlight.bucketsHeld()).isLessThanOrEqualTo(1);
  }

  @Test
  void anEndWithoutAStartOrASecondEndCountsNothingDown() {
    long now = 3_000 * MS;
    inFlight.started(now);
    inFlight.ended(now + 20 * MS); // never started
    inFlight.ended(now);
    inFlight.ended(now); // ended before

    assertThat(inFlight.count()).isZero();
    inFlight.started(now + MS);
    assertThat(inFlight.count()).isEqualTo(1);
    assertThat(inFlight.oldestAgesMs(now + 11 * MS, 0)).containsExactly(9);
  }

  /**
   * Four threads start and end calls in milliseconds that mostly move forward, some of them late (a
   * starter that read the clock long before it counted the call in), the ends in another order than
   * the starts: at the end no call is counted and no emptied millisecond is kept.
   */
  @Test
  void concurrentStartsAndEndsBalanceOutAndLeaveNothingBehind() throws Exception {
    int threads = 4;
    int calls = 200_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long seed = t;
        done.add(pool.submit(() -> {
          SplittableRandom random = new SplittableRandom(seed);
          long[] open = new long[32];
          int held = 0;
          go.await();
          for (int i = 0; i < calls; i++) {
            long ms = i / 50 - (random.nextInt(20) == 0 ? random.nextInt(30) : 0);
            long start = ms * MS + random.nextLong(MS);
            if (held == open.length) {
              int which = random.nextInt(held);
              inFlight.ended(open[which]);
              open[which] = open[--held];
            }
            inFlight.started(start);
            open[held++] = start;
          }
          while (held > 0) {
            inFlight.ended(open[--held]);
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(inFlight.count()).isZero();
    assertThat(inFlight.bucketsHeld()).isLessThanOrEqualTo(1);
    assertThat(inFlight.oldestAgesMs(Long.MAX_VALUE / 2, 0)).isEmpty();
  }
}
