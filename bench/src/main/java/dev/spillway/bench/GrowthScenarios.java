package dev.spillway.bench;

import dev.spillway.bench.load.Histograms;
import dev.spillway.bench.load.PairedBlocks;
import dev.spillway.bench.load.Prompts;
import dev.spillway.bench.load.Sequential;
import dev.spillway.bench.load.Target;
import dev.spillway.bench.load.Wrk;
import dev.spillway.bench.report.Samples;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * How the cost grows with the work: (h) sequential latency over the prompt's size, (i) throughput
 * over the number of connections, every system side by side.
 */
final class GrowthScenarios {
  private static final String DIRECT = "direct";
  /** Calls of a 16 KB body or smaller get the full count; larger bodies fewer, in proportion. */
  private static final int FULL_COUNT_BYTES = 16 * 1024;
  /**
   * At least this many calls a system and pass, whatever the body's size: the 1 MB row is half of the
   * growth target, and its former 200 calls (one run) left its median at the mercy of one slow stretch.
   */
  private static final int MIN_CALLS = 1_000;
  /** The least time each system is warmed with a size before a pass measures it. */
  private static final long WARM_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(3);

  private final Samples samples;
  private final Settings settings;
  private final Path work;

  GrowthScenarios(Samples samples, Settings settings, Path work) {
    this.samples = samples;
    this.settings = settings;
    this.work = work;
  }

  /**
   * (h) One connection, one call at a time, for each prompt size; one pass a round. Within a pass the
   * systems take turns block by block (the order rotated each block), and each system's overhead is
   * the median over the blocks of its block's percentile less the direct path's block beside it
   * ({@link PairedBlocks}): recorded once a pass under {@code prompt.<size>.<system>.over.<pNN>}.
   */
  void prompts(List<Target> targets) throws Exception {
    if (targets.isEmpty() || !targets.get(0).name().equals(DIRECT)) {
      throw new IllegalArgumentException("the prompt series needs the direct path first, to pair with: " + targets);
    }
    for (int pass = 1; pass <= settings.rounds(); pass++) {
      Log.line("prompt sizes, pass %d of %d", pass, settings.rounds());
      for (String size : Prompts.SIZES) {
        promptPass(targets, size);
      }
    }
  }

  private void promptPass(List<Target> targets, String size) throws Exception {
    int bytes = Prompts.request(size).getBytes(StandardCharsets.UTF_8).length;
    int calls = Math.max(MIN_CALLS,
        (int) Math.min(settings.sequentialCalls(), (long) settings.sequentialCalls() * FULL_COUNT_BYTES / bytes));
    int blockCalls = Math.max(1, calls / Settings.PROMPT_BLOCKS);
    // Every system warmed first, so the blocks of a pair run back to back from the first block on.
    for (Target target : targets) {
      warm(target.withPrompt(size), Math.max(MIN_CALLS / 2, calls / 5));
    }
    Map<String, List<Histogram>> blocks = new LinkedHashMap<>();
    for (int block = 0; block < Settings.PROMPT_BLOCKS; block++) {
      for (int i = 0; i < targets.size(); i++) {
        Target target = targets.get((block + i) % targets.size());
        // A new connection a block, warmed by a few calls.
        int warmup = Math.max(10, blockCalls / 10);
        blocks.computeIfAbsent(target.name(), name -> new ArrayList<>())
            .add(Sequential.run(target.withPrompt(size), warmup, blockCalls));
      }
    }
    List<Histogram> direct = blocks.get(DIRECT);
    for (Map.Entry<String, List<Histogram>> system : blocks.entrySet()) {
      Histogram merged = Histograms.create();
      system.getValue().forEach(merged::add);
      String key = "prompt." + size + "." + system.getKey();
      samples.addLatency(key, merged);
      if (system.getKey().equals(DIRECT)) {
        Log.line("  prompt %-5s %-10s p50 %9.1f µs  p99 %9.1f µs", size, DIRECT,
            Histograms.micros(merged, 50), Histograms.micros(merged, 99));
        continue;
      }
      double p50 = PairedBlocks.medianOverhead(system.getValue(), direct, 50);
      double p99 = PairedBlocks.medianOverhead(system.getValue(), direct, 99);
      samples.add(key + ".over.p50", p50);
      samples.add(key + ".over.p99", p99);
      Log.line("  prompt %-5s %-10s p50 %9.1f µs  p99 %9.1f µs  over direct (median of %d paired blocks) p50 %+8.1f  p99 %+8.1f",
          size, system.getKey(), Histograms.micros(merged, 50), Histograms.micros(merged, 99), Settings.PROMPT_BLOCKS, p50, p99);
    }
  }

  /**
   * Unrecorded calls of one size, at least {@code calls} and for at least {@link #WARM_NANOS}: each
   * size changes the body's shape, and the JVMs (Spillway, the mock) recompile what the last size's
   * profile made hot; on a loaded box with one C2 thread that takes seconds, and a count of calls
   * (the 1 KB prompt's 1,000 took 0.15 s) measured the 1 KB row half recompiled, twice the 20-turn
   * row's overhead in some passes and not in others.
   */
  private static void warm(Target target, int calls) throws Exception {
    long end = System.nanoTime() + WARM_NANOS;
    do {
      Sequential.run(target, 0, calls);
    } while (System.nanoTime() < end);
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
