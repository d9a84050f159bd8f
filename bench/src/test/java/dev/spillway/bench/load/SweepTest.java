package dev.spillway.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SweepTest {
  /** A clock that moves only when told: each read below takes 1 ns of it. */
  private final AtomicLong clock = new AtomicLong();
  private final Sweep<Integer> sweep = new Sweep<>(500, 3, clock::get);
  private final List<Integer> read = new ArrayList<>();

  private int read(Integer stream) {
    read.add(stream);
    clock.incrementAndGet();
    return stream == 99 ? 1 : 0;
  }

  @Test
  void aRoundStartsOnlyOnceThePeriodIsUpAndIsReadASliceAtATime() {
    Set<Integer> parked = new LinkedHashSet<>(List.of(1, 2, 3, 4, 5, 6, 7));

    assertThat(sweep.slice(parked, this::read)).isZero();
    assertThat(read).isEmpty(); // the period is not up
    assertThat(sweep.untilNextNs()).isEqualTo(500);

    clock.set(500);
    sweep.slice(parked, this::read);
    assertThat(read).containsExactly(1, 2, 3); // a 3 ns slice: three reads, then back to the selector
    assertThat(sweep.pending()).isTrue();
    assertThat(sweep.untilNextNs()).isZero();

    sweep.slice(parked, this::read);
    sweep.slice(parked, this::read);
    assertThat(read).containsExactly(1, 2, 3, 4, 5, 6, 7);
    assertThat(sweep.pending()).isFalse();
  }

  @Test
  void aRoundReadsTheStreamsParkedWhenItStartedSkippingThoseGoneAndCountsTheEnded() {
    Set<Integer> parked = new LinkedHashSet<>(List.of(1, 99, 3, 4));
    clock.set(500);
    sweep.slice(parked, this::read); // reads 1, 99 (ended), 3

    parked.remove(4); // ended elsewhere (its first read saw the end) before the round came to it
    parked.add(5); // parked after the round started: next round
    assertThat(sweep.slice(parked, this::read)).isZero();
    assertThat(read).containsExactly(1, 99, 3);
    assertThat(sweep.pending()).isFalse();

    clock.set(2_000);
    assertThat(sweep.slice(parked, this::read)).isEqualTo(1); // the reader said 99 ended: counted
    assertThat(read).containsExactly(1, 99, 3, 1, 99, 3);
    sweep.slice(parked, this::read);
    assertThat(read).endsWith(5);
  }
}
