package dev.spillway.bench;

import dev.spillway.bench.load.Histograms;
import dev.spillway.bench.load.Prompts;
import dev.spillway.bench.load.Sequential;
import dev.spillway.bench.load.Target;
import dev.spillway.bench.load.Wrk;
import dev.spillway.bench.report.Samples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * How the cost grows with the work: (h) sequential latency over the prompt's size, (i) throughput
 * over the number of connections, every system side by side.
 */
final class GrowthScenarios {
  /** Calls of a 16 KB body or smaller get the full count; larger bodies fewer, in proportion. */
  private static final int FULL_COUNT_BYTES = 16 * 1024;
  private static final int MIN_CALLS = 200;

  private final Samples samples;
  private final Settings settings;
  private final Path work;

  GrowthScenarios(Samples samples, Settings settings, Path work) {
    this.samples = samples;
    this.settings = settings;
    this.work = work;
  }

  /** (h) One connection, one call at a time, for each prompt size. */
  void prompts(List<Target> targets) throws Exception {
    for (String size : Prompts.SIZES) {
      int bytes = Prompts.request(size).getBytes(StandardCharsets.UTF_8).length;
      int calls = Math.max(MIN_CALLS,
          (int) Math.min(settings.sequentialCalls(), (long) settings.sequentialCalls() * FULL_COUNT_BYTES / bytes));
      for (Target target : targets) {
        Histogram latency = Sequential.run(target.withPrompt(size), Math.max(MIN_CALLS / 2, calls / 5), calls);
        samples.addLatency("prompt." + size + "." + target.name(), latency);
        Log.line("  prompt %-5s %-10s p50 %9.1f µs  p99 %9.1f µs", size, target.name(),
            Histograms.micros(latency, 50), Histograms.micros(latency, 99));
      }
    }
  }

  /** (i) Closed loop with wrk over the connection counts. */
  void concurrency(List<Target> targets) throws Exception {
    for (int connections : Settings.GROWTH_CONNECTIONS) {
      for (Target target : targets) {
        Wrk.Result result = Wrk.run(target, connections, settings.wrkSeconds(), work);
        samples.add("conc." + connections + "." + target.name(), result.requestsPerSecond());
        samples.add("conc." + connections + "." + target.name() + ".errors", result.errors());
        Log.line("  concurrency %-10s %3d conns %9.0f req/s  errors %d", target.name(), connections,
            result.requestsPerSecond(), result.errors());
      }
    }
  }
}
