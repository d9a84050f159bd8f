package dev.spillway.bench;

import dev.spillway.bench.load.Histograms;
import dev.spillway.bench.load.Streams;
import dev.spillway.bench.load.Target;
import dev.spillway.bench.report.Samples;
import dev.spillway.bench.systems.Service;
import java.util.List;

/** (d) Streaming: time to first token alone and under thousands of open streams, and the proxy's memory. */
final class StreamScenarios {
  private final Samples samples;
  private final Settings settings;

  StreamScenarios(Samples samples, Settings settings) {
    this.samples = samples;
    this.settings = settings;
  }

  /** One-token streams one after the other through every system. */
  void firstToken(List<Target> targets) {
    for (Target target : targets) {
      Streams.sequential(target, 20);
      Streams.Result result = Streams.sequential(target, settings.ttftStreams());
      String key = "ttft." + target.name();
      samples.add(key + ".p50", Histograms.micros(result.firstToken(), 50));
      samples.add(key + ".p99", Histograms.micros(result.firstToken(), 99));
      samples.add(key + ".errors", result.errors());
      noteErrors(key, result);
      Log.line("  first token %-10s p50 %7.1f µs  p99 %7.1f µs  errors %d %s", target.name(),
          Histograms.micros(result.firstToken(), 50), Histograms.micros(result.firstToken(), 99), result.errors(),
          result.errorKinds());
    }
  }

  /**
   * Many slow streams open at once, direct and through Spillway; Spillway's heap and RSS are read
   * while all are open (heap as found, then live after a full GC).
   */
  void concurrent(Target direct, Target spillway, Service spillwayProcess) throws Exception {
    for (Target target : List.of(direct, spillway)) {
      // Unrecorded: many connections opened and held at once, a path the closed-loop warm-up does not take.
      Streams.concurrent(target, 200, 2, settings.streamsOpenedPerSecond(), () -> { });
    }
    for (int count : settings.concurrentStreams()) {
      for (Target target : List.of(direct, spillway)) {
        measure(count, target, target == spillway ? spillwayProcess : null);
      }
    }
  }

  private void measure(int count, Target target, Service jvm) throws Exception {
    String key = "streams." + count + "." + target.name();
    Streams.Result result = Streams.concurrent(target, count, settings.streamTokens(),
        settings.streamsOpenedPerSecond(), () -> {
          if (jvm != null) {
            samples.add(key + ".heapMb", jvm.heapUsedMb());
            samples.add(key + ".rssMb", jvm.rssMb());
            jvm.fullGc();
            samples.add(key + ".liveHeapMb", jvm.heapUsedMb());
          }
        });
    samples.add(key + ".p50", Histograms.micros(result.firstToken(), 50));
    samples.add(key + ".p99", Histograms.micros(result.firstToken(), 99));
    samples.add(key + ".errors", result.errors());
    samples.add(key + ".lateP99", Histograms.micros(result.openLateness(), 99));
    samples.add(key + ".lateMax", result.openLateness().getMaxValue() / 1000.0);
    samples.add(key + ".generatorCpu", result.generatorCpu());
    noteErrors(key, result);
    Log.line("  %5d streams %-10s first token p50 %8.1f µs  p99 %9.1f µs  errors %d %s  opened late p99 %.0f µs,"
            + " generator CPU %.0f %% %s",
        count, target.name(), Histograms.micros(result.firstToken(), 50), Histograms.micros(result.firstToken(), 99),
        result.errors(), result.errorKinds(), Histograms.micros(result.openLateness(), 99), result.generatorCpu() * 100,
        jvm == null ? "" : String.format("heap %.0f MB, live %.0f MB, RSS %.0f MB",
            samples.median(key + ".heapMb").orElse(Double.NaN), samples.median(key + ".liveHeapMb").orElse(Double.NaN),
            samples.median(key + ".rssMb").orElse(Double.NaN)));
  }

  private void noteErrors(String key, Streams.Result result) {
    if (!result.errorKinds().isEmpty()) {
      samples.note(key, result.errorKinds().toString());
    }
  }
}
