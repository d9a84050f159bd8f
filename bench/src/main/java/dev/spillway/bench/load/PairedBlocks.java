package dev.spillway.bench.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * A system's overhead over the direct path from blocks measured in turn: block k of the system and
 * block k of the direct path ran back to back, so a stretch of load on a shared box lands on both
 * sides of a pair and cancels in its difference; the median over the pairs then ignores the few
 * blocks a burst (a GC, a JIT recompile, another process) hit on one side only. One long run per
 * system, as the prompt series had, put such a burst wholly into one system's figure.
 */
public final class PairedBlocks {
  private PairedBlocks() {}

  /**
   * The median over k of (system block k's percentile − direct block k's), in µs.
   *
   * @throws IllegalArgumentException when the block counts differ or there are none
   */
  public static double medianOverhead(List<Histogram> system, List<Histogram> direct, double percentile) {
    if (system.isEmpty() || system.size() != direct.size()) {
      throw new IllegalArgumentException("paired blocks: " + system.size() + " blocks of the system against "
          + direct.size() + " of the direct path (need the same number, at least one)");
    }
    List<Double> differences = new ArrayList<>(system.size());
    for (int k = 0; k < system.size(); k++) {
      differences.add(Histograms.micros(system.get(k), percentile) - Histograms.micros(direct.get(k), percentile));
    }
    return median(differences);
  }

  /** The median of a non-empty list (the mean of the middle two for an even count). */
  public static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
