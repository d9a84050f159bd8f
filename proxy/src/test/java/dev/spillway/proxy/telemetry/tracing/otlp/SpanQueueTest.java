package dev.spillway.proxy.telemetry.tracing.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Encoded spans wait in requests of bounded size; a full queue drops and counts, never waits. */
class SpanQueueTest {
  private static final long PAST = Long.MIN_VALUE / 2;

  @Test
  void aRequestIsSealedAtItsSpanLimitAndGivenOutWithoutWaiting() throws Exception {
    SpanQueue queue = new SpanQueue(3, 1 << 20, 9, 1 << 24);
    for (int i = 0; i < 7; i++) {
      assertThat(queue.add(span(10), i % 3 == 0)).isTrue();
    }
    long later = System.nanoTime() + 60_000_000_000L;
    assertThat(queue.next(later).count).isEqualTo(3);
    assertThat(queue.next(later).count).isEqualTo(3);
    // The seventh waits for its request to fill or for the deadline.
    SpanQueue.Request last = queue.next(PAST + System.nanoTime());
    assertThat(last.count).isEqualTo(1);
    assertThat(last.spans.size()).isEqualTo(10);
    assertThat(queue.next(PAST + System.nanoTime())).isNull();
    assertThat(queue.kept()).isEqualTo(7);
    assertThat(queue.traces()).isEqualTo(3);
    assertThat(queue.dropped()).isZero();
  }

  @Test
  void aRequestIsSealedAtItsByteLimitAndALargerSpanGoesAlone() throws Exception {
    SpanQueue queue = new SpanQueue(100, 100, 1000, 10_000);
    queue.add(span(60), true);
    queue.add(span(60), false); // 120 bytes: past 100, sealed
    queue.add(span(500), false); // alone
    long later = System.nanoTime() + 60_000_000_000L;
    assertThat(queue.next(later).spans.size()).isEqualTo(120);
    SpanQueue.Request large = queue.next(later);
    assertThat(large.count).isEqualTo(1);
    assertThat(large.spans.size()).isEqualTo(500);
  }

  @Test
  void pastTheQueuesSpansOrBytesASpanIsDroppedAndCounted() throws Exception {
    SpanQueue bySpans = new SpanQueue(2, 1 << 20, 4, 1 << 24);
    for (int i = 0; i < 6; i++) {
      bySpans.add(span(10), false);
    }
    assertThat(bySpans.dropped()).isEqualTo(2);
    assertThat(bySpans.kept()).isEqualTo(6);
    // Taking a request makes room again: the request being sent is not counted as waiting.
    assertThat(bySpans.next(System.nanoTime() + 60_000_000_000L).count).isEqualTo(2);
    assertThat(bySpans.add(span(10), false)).isTrue();

    SpanQueue byBytes = new SpanQueue(100, 100, 1000, 250);
    assertThat(byBytes.add(span(200), false)).isTrue();
    assertThat(byBytes.add(span(60), false)).isFalse();
    assertThat(byBytes.add(span(50), false)).isTrue();
    assertThat(byBytes.dropped()).isEqualTo(1);
  }

  @Test
  void aFlushGivesOutWhatIsQueuedBeforeTheDeadlineThenEnds() throws Exception {
    SpanQueue queue = new SpanQueue(10, 1 << 20, 100, 1 << 24);
    queue.add(span(10), true);
    queue.flush();
    long later = System.nanoTime() + 60_000_000_000L;
    assertThat(queue.next(later).count).isEqualTo(1);
    assertThat(queue.next(later)).isNull(); // the flush is over: nothing waited, no wait for the deadline
  }

  @Test
  void aQueueThatCannotHoldOneRequestIsRefusedNamingItsLimits() {
    assertThatThrownBy(() -> new SpanQueue(2048, 1 << 20, 1024, 1 << 24))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1024 spans").hasMessageContaining("2048 spans");
  }

  /** An encoded span of {@code bytes} bytes (the queue only counts and copies them). */
  private static ProtoWriter span(int bytes) {
    ProtoWriter span = new ProtoWriter(bytes);
    span.bytes(new byte[bytes]);
    return span;
  }
}
