package dev.spillway.bench.load;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/** Latency histograms in nanoseconds, 1 µs to 60 s at three significant digits. */
public final class Histograms {
  private Histograms() {}

  public static Histogram create() {
    return new Histogram(TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.SECONDS.toNanos(60), 3);
  }

  /** A percentile in microseconds. */
  public static double micros(Histogram histogram, double percentile) {
    return histogram.getValueAtPercentile(percentile) / 1_000.0;
  }
}
