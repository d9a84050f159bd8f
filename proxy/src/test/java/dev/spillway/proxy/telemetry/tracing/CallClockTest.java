package dev.spillway.proxy.telemetry.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.common.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A call's spans and events take their times from one clock, anchored to the wall clock once. */
class CallClockTest {
  @Test
  void readsTheWallClockThroughNanoTimeAnchoredOnce() {
    long wallBefore = Clock.getDefault().now();
    CallClock clock = CallClock.anchored();
    long read = clock.now();
    long wallAfter = Clock.getDefault().now();

    // The wall clock's resolution may be coarser than nanoTime's: allow a millisecond either side.
    assertThat(read).isBetween(wallBefore - TimeUnit.MILLISECONDS.toNanos(1), wallAfter + TimeUnit.MILLISECONDS.toNanos(1));
  }

  @Test
  void eventTimesAndRecordedNanoTimesComeFromOneClock() {
    CallClock clock = CallClock.anchored();
    long previous = clock.now();
    for (int i = 0; i < 10_000; i++) {
      // As an attempt span's start (a nanoTime record) falls between the route's events (now()).
      long recorded = clock.epochNanos(System.nanoTime());
      long next = clock.now();
      assertThat(recorded).isBetween(previous, next);
      previous = next;
    }
  }

  @Test
  void aReplayReadsTheRecordedInstantOnTheSameAnchor() {
    CallClock clock = CallClock.anchored();
    long noted = System.nanoTime();
    CallClock.Replay replay = clock.replay();
    replay.at(noted);

    assertThat(replay.now()).isEqualTo(clock.epochNanos(noted)).isEqualTo(replay.now());
    replay.at(noted + 5_000);
    assertThat(replay.now()).isEqualTo(clock.epochNanos(noted) + 5_000);
  }
}
