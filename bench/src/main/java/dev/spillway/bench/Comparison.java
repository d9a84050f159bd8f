package dev.spillway.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.bench.load.Target;
import dev.spillway.bench.report.CompareReport;
import dev.spillway.bench.report.Samples;
import dev.spillway.bench.systems.Launchers;
import dev.spillway.bench.systems.Service;
import dev.spillway.bench.systems.SpillwayRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * {@code --compare A B}: two Spillway jars side by side in one run, the way a fix's before/after is
 * recorded. Same mock, same configuration, both processes up for the whole run and warmed to steady
 * state; every round measures sequential latency (with the direct path, for overheads),
 * throughput at 16 and 64 connections, and latency at a fixed rate of 75 % of A's 16-connection
 * throughput in that round (open loop, from each call's intended start: the tail under load, the
 * same offered rate for both), A and B back to back, the order swapped each round so neither always
 * goes first on a machine whose load drifts.
 */
final class Comparison {
  static final String A = "jar-a";
  static final String B = "jar-b";
  /** The fixed rate of each round, as a share of A's 16-connection throughput in that round. */
  static final int TAIL_PERCENT = 75;

  private final Settings settings;
  private final Path work;
  private final Path out;
  private final SpillwayRuntime runtime;

  Comparison(Settings settings, Path work, Path out, SpillwayRuntime runtime) {
    this.settings = settings;
    this.work = work;
    this.out = out;
    this.runtime = runtime;
  }

  int run(Path jarA, Path jarB) throws Exception {
    for (Path jar : List.of(jarA, jarB)) {
      if (!Files.isRegularFile(jar)) {
        throw new IllegalArgumentException("no such jar: " + jar);
      }
    }
    Samples samples = new Samples();
    Instant started = Instant.now();
    Launchers launchers = new Launchers(work, runtime);
    try (Service mock = launchers.mock(settings.chunkIntervalMs());
        Service a = launchers.spillway("spillway-a", jarA, mock.port(), TracingSwitch.off());
        Service b = launchers.spillway("spillway-b", jarB, mock.port(), TracingSwitch.off())) {
      Target direct = BenchMain.target("direct", mock);
      Target viaA = BenchMain.target(A, a);
      Target viaB = BenchMain.target(B, b);
      Warmup warmup = new Warmup(samples, settings, work);
      Log.line("warm-up until steady state (cap %d s a system)", settings.warmupCapSeconds());
      warmup.untilSteady(direct, mock);
      warmup.untilSteady(viaA, a);
      warmup.untilSteady(viaB, b);
      LatencyScenarios latency = new LatencyScenarios(samples, settings, work);
      for (int round = 1; round <= settings.rounds(); round++) {
        List<Target> order = round % 2 == 1 ? List.of(viaA, viaB) : List.of(viaB, viaA);
        Log.line("round %d of %d (%s first)", round, settings.rounds(), order.get(0).name());
        latency.sequential(List.of(direct, order.get(0), order.get(1)));
        latency.throughput(order);
        // The tail under load, at one offered rate for both: 75 % of A's saturation in this round.
        double rate = samples.all().get("rps.16." + A).get(round - 1) * TAIL_PERCENT / 100;
        latency.fixedRate(order, TAIL_PERCENT, rate, java.util.Map.of(A, a, B, b));
      }
    }
    Files.writeString(work.resolve("compare-samples.json"),
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(samples.all()));
    String markdown = new CompareReport(samples, settings, started, jarA, jarB, runtime.describe()).markdown();
    Files.writeString(out.resolve("compare.md"), markdown);
    System.out.println();
    System.out.println(markdown);
    Log.line("done: %s", out.resolve("compare.md"));
    return 0;
  }
}
