package dev.spillway.proxy.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.config.CircuitBreakerConfig;
import dev.spillway.proxy.resilience.breaker.BreakerState;
import dev.spillway.proxy.resilience.breaker.CircuitBreaker;
import dev.spillway.stats.TransitionKind;
import dev.spillway.stats.TransitionsView;
import dev.spillway.stats.TransitionsView.Entry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The replica's transition log: cursor reads, a bounded ring that says when a reader missed some, subscribers. */
class TransitionLogTest {
  final Clock clock = Clock.fixed(Instant.parse("2026-12-05T21:00:00Z"), ZoneOffset.UTC);

  @Test
  void aReaderGetsWhatCameAfterItsCursorInOrderAndComesBackWithNext() {
    TransitionLog log = new TransitionLog(10, clock);
    log.circuit("openai/gpt-4o", BreakerState.OPEN);
    log.circuit("openai/gpt-4o", BreakerState.HALF_OPEN);

    TransitionsView first = log.after(0, 100);
    assertThat(first.transitions()).extracting(Entry::seq, Entry::kind, Entry::account).containsExactly(
        org.assertj.core.groups.Tuple.tuple(1L, TransitionKind.CIRCUIT_OPENED, "openai"),
        org.assertj.core.groups.Tuple.tuple(2L, TransitionKind.CIRCUIT_HALF_OPEN, "openai"));
    assertThat(first.next()).isEqualTo(2);
    assertThat(first.gap()).isFalse();
    assertThat(first.instance()).isEqualTo(log.instance()).hasSize(12);

    log.circuit("openai/gpt-4o", BreakerState.CLOSED);
    TransitionsView second = log.after(first.next(), 100);
    assertThat(second.transitions()).extracting(Entry::kind).containsExactly(TransitionKind.CIRCUIT_CLOSED);
    assertThat(log.after(second.next(), 100).transitions()).isEmpty();
    assertThat(log.after(second.next(), 100).next()).isEqualTo(second.next());
  }

  @Test
  void theRingIsBoundedAndAReaderThatFellBehindIsToldItMissedSome() {
    TransitionLog log = new TransitionLog(3, clock);
    for (int i = 0; i < 5; i++) {
      log.record(TransitionKind.HEALTH_CHECK_FAILED, "a", "a/m", "probe " + i);
    }

    TransitionsView behind = log.after(1, 100);
    assertThat(behind.gap()).isTrue();
    assertThat(behind.transitions()).extracting(Entry::seq).containsExactly(3L, 4L, 5L);
    assertThat(log.after(2, 100).gap()).as("3 is the oldest held: nothing missed after 2").isFalse();
    assertThat(log.after(0, 2).transitions()).extracting(Entry::seq).containsExactly(3L, 4L);
  }

  @Test
  void aCursorFromAnEarlierRunReadsFromTheStart() {
    TransitionLog restarted = new TransitionLog(10, clock);
    restarted.record(TransitionKind.DRIFT_ALARM, "a", "a/m", "demoted");

    TransitionsView view = restarted.after(500, 100);

    assertThat(view.transitions()).extracting(Entry::seq).containsExactly(1L);
    assertThat(new TransitionLog(10, clock).instance()).isNotEqualTo(restarted.instance());
  }

  @Test
  void subscribersGetNewTransitionsAndASlowOneDropsInsteadOfGrowing() {
    TransitionLog log = new TransitionLog(10, clock);
    try (Subscription slow = log.subscribe(2); Subscription other = log.subscribe(10)) {
      for (int i = 0; i < 5; i++) {
        log.record(TransitionKind.HEALTH_CHECK_FAILED, "a", "a/m", "probe " + i);
      }
      assertThat(slow.drain()).extracting(Entry::seq).containsExactly(1L, 2L);
      assertThat(slow.dropped()).isEqualTo(3);
      assertThat(other.drain()).hasSize(5);
    }
    log.record(TransitionKind.HEALTH_CHECK_FAILED, "a", "a/m", "after close");
    assertThat(log.after(0, 100).transitions()).hasSize(6);
  }

  @Test
  void aBreakerThatOpensAndClosesLeavesEveryStepInTheLog() {
    TransitionLog log = new TransitionLog(10, clock);
    CircuitBreaker breaker = new CircuitBreaker(1_000, 10, state -> log.circuit("sim/fast", state));
    CircuitBreakerConfig config = new CircuitBreakerConfig(0.5, 2, 2, 10_000, 1_000, 1, java.util.List.of(100));

    long t0 = clock.millis();
    breaker.onFailure(config, t0, 0);
    breaker.onFailure(config, t0 + 1, 0);
    breaker.admit(config, t0 + 5_000);
    breaker.onSuccess(config, t0 + 5_001);

    assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
    assertThat(log.after(0, 100).transitions()).extracting(Entry::kind).startsWith(
        TransitionKind.CIRCUIT_OPENED, TransitionKind.CIRCUIT_HALF_OPEN).endsWith(TransitionKind.CIRCUIT_CLOSED);
    assertThat(log.after(0, 100).transitions()).allSatisfy(entry -> {
      assertThat(entry.target()).isEqualTo("sim/fast");
      assertThat(entry.account()).isEqualTo("sim");
    });
  }
}
