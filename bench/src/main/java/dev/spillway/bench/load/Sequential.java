package dev.spillway.bench.load;

import java.io.IOException;
import org.HdrHistogram.Histogram;

/** Calls one after the other on one connection: the latency a lone client sees, nothing queued. */
public final class Sequential {
  private Sequential() {}

  /** Latencies in nanoseconds of {@code calls} calls after {@code warmup} unrecorded ones. */
  public static Histogram run(Target target, int warmup, int calls) throws IOException {
    Histogram histogram = Histograms.create();
    try (BlockingConnection connection = new BlockingConnection(target)) {
      for (int i = 0; i < warmup; i++) {
        expectOk(target, connection.call());
      }
      for (int i = 0; i < calls; i++) {
        long start = System.nanoTime();
        int status = connection.call();
        histogram.recordValue(System.nanoTime() - start);
        expectOk(target, status);
      }
    }
    return histogram;
  }

  public static void expectOk(Target target, int status) {
    if (status != 200) {
      throw new IllegalStateException(target.name() + " answered " + status);
    }
  }
}
