package dev.spillway.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class PairedBlocksTest {
  @Test
  void aStretchOfLoadOnBothSidesOfAPairCancelsAndABurstOnOneSideIsOutvoted() {
    List<Histogram> system = new ArrayList<>();
    List<Histogram> direct = new ArrayList<>();
    for (int k = 0; k < 5; k++) {
      // The box slows down block by block: +100 µs each, on both sides of every pair.
      direct.add(block(30 + 100 * k));
      system.add(block(90 + 100 * k));
    }
    system.set(2, block(5_000)); // a GC or another process's burst in one of the system's blocks

    // Each pair differs by 60 µs but the burst's: the median is the 60, whatever the drift.
    assertThat(PairedBlocks.medianOverhead(system, direct, 50)).isCloseTo(60.0, org.assertj.core.data.Offset.offset(0.5));
  }

  @Test
  void blocksThatDoNotPairAreRefusedNamingTheCounts() {
    assertThatThrownBy(() -> PairedBlocks.medianOverhead(List.of(block(1), block(2)), List.of(block(1)), 50))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 blocks of the system against 1 of the direct path");
    assertThatThrownBy(() -> PairedBlocks.medianOverhead(List.of(), List.of(), 50))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertThat(PairedBlocks.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    assertThat(PairedBlocks.median(List.of(7.0, 1.0, 3.0))).isEqualTo(3.0);
  }

  /** A block of calls all taking {@code micros}. */
  private static Histogram block(long micros) {
    Histogram histogram = Histograms.create();
    histogram.recordValueWithCount(micros * 1_000, 100);
    return histogram;
  }
}
