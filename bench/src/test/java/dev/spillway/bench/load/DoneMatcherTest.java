package dev.spillway.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DoneMatcherTest {
  private static boolean seen(String... pieces) {
    DoneMatcher matcher = new DoneMatcher();
    for (String piece : pieces) {
      for (byte b : piece.getBytes(StandardCharsets.US_ASCII)) {
        matcher.feed(b);
      }
    }
    return matcher.seen();
  }

  @Test
  void findsTheMarkerSplitAcrossReads() {
    assertThat(seen("data: {\"x\":1}\n\ndata: [DO", "NE]\n\n")).isTrue();
  }

  @Test
  void restartsAfterABracketThatWasNotTheMarker() {
    assertThat(seen("data: [[DONE]")).isTrue();
    assertThat(seen("data: [DON[DONE")).isFalse();
  }

  @Test
  void aStreamWithoutTheMarkerIsNotDone() {
    assertThat(seen("data: {\"choices\":[{\"delta\":{}}]}\n\n")).isFalse();
  }
}
