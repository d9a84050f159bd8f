package dev.spillway.bench;

import dev.spillway.bench.load.BlockingConnection;
import dev.spillway.bench.load.ConstantRate;
import dev.spillway.bench.load.Histograms;
import dev.spillway.bench.load.Sequential;
import dev.spillway.bench.load.Target;
import dev.spillway.bench.load.Wrk;
import dev.spillway.bench.report.Samples;
import dev.spillway.bench.systems.GcPauses;
import dev.spillway.bench.systems.HedgeCount;
import dev.spillway.bench.systems.Service;
import dev.spillway.bench.systems.SpillwayConfig;
import dev.spillway.bench.systems.SpillwayStats;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Plain (non-streaming) calls: sequential latency, throughput, fixed-rate latency, failover ((f): {@link TracingScenario}). */
final class LatencyScenarios {
  static final int[] THROUGHPUT_CONNECTIONS = {16, 64};
  static final int[] RATE_PERCENTS = {25, 50, 75};

  private final Samples samples;
  private final Settings settings;
  private final Path work;

  LatencyScenarios(Samples samples, Settings settings, Path work) {
    this.samples = samples;
    this.settings = settings;
    this.work = work;
  }

  /** (a) One connection, one call at a time; Portkey gets fewer calls (it is ten times slower). */
  void sequential(List<Target> targets) throws Exception {
    for (Target target : targets) {
      int calls = target.name().equals("portkey") ? settings.slowSequentialCalls() : settings.sequentialCalls();
      Histogram latency = Sequential.run(target, Math.max(200, calls / 5), calls);
      record("seq." + target.name(), latency);
      samples.addSequential(target.name(), latency);
      Log.line("  sequential %-10s p50 %7.1f µs  p99 %7.1f µs", target.name(),
          Histograms.micros(latency, 50), Histograms.micros(latency, 99));
    }
  }

  /** (b) Closed loop with wrk at 16 and 64 connections. */
  void throughput(List<Target> targets) throws Exception {
    for (int connections : THROUGHPUT_CONNECTIONS) {
      for (Target target : targets) {
        Wrk.Result result = Wrk.run(target, connections, settings.wrkSeconds(), work);
        samples.add("rps." + connections + "." + target.name(), result.requestsPerSecond());
        samples.add("rps." + connections + "." + target.name() + ".errors", result.errors());
        Log.line("  throughput %-10s %2d conns %9.0f req/s  errors %d", target.name(), connections,
            result.requestsPerSecond(), result.errors());
      }
    }
  }

  /**
   * (c) Fixed rates at fractions of Spillway's saturation, latency from each call's intended start;
   * {@code processes} by target name, whose CPU per call is recorded too.
   */
  void fixedRates(List<Target> targets, double saturation, Map<String, Service> processes) throws Exception {
    for (int percent : RATE_PERCENTS) {
      fixedRate(targets, percent, saturation * percent / 100, processes);
    }
  }

  /**
   * One fixed rate, each target in turn; recorded under {@code rate.<percent>.<target>}, with the
   * CPU per call of the target's process ({@code .cpu}: the proxy alone, not the mock behind it) and
   * of the generator ({@code .generatorCpu}), in µs, and for Spillway the hedges launched ({@code .hedges})
   * and its GC pauses in the run ({@code .gcMaxMs}, {@code .gcTotalMs}).
   */
  void fixedRate(List<Target> targets, int percent, double rate, Map<String, Service> processes) throws Exception {
    for (Target target : targets) {
      Service process = processes.get(target.name());
      long cpuBefore = process == null ? 0 : process.cpuNanos();
      boolean spillway = process != null && process.adminPort() > 0;
      long hedgesBefore = spillway ? HedgeCount.launched(process.adminPort()) : 0;
      long startMs = System.currentTimeMillis();
      ConstantRate.Result result =
          ConstantRate.run(target, Settings.RATE_CONNECTIONS, rate, settings.rateSeconds() * 1000L);
      long endMs = System.currentTimeMillis();
      double cpu = process == null || result.calls() == 0
          ? Double.NaN : (process.cpuNanos() - cpuBefore) / 1e3 / result.calls();
      String hedged = "";
      if (spillway) {
        // Calls that waited past their hedge delay: a stall shows here whatever its cause.
        long hedges = HedgeCount.launched(process.adminPort()) - hedgesBefore;
        // Its GC pauses in the run: a stall the length of a pause, once or a few times, is the collector's.
        List<GcPauses.Pause> pauses = GcPauses.between(GcPauses.read(process.gcLog()), startMs, endMs);
        double gcMaxMs = pauses.stream().mapToDouble(GcPauses.Pause::millis).max().orElse(0);
        String key = "rate." + percent + "." + target.name();
        samples.add(key + ".hedges", hedges);
        samples.add(key + ".gcMaxMs", gcMaxMs);
        samples.add(key + ".gcTotalMs", pauses.stream().mapToDouble(GcPauses.Pause::millis).sum());
        hedged = String.format("  hedges %d, GC pauses %d (longest %.1f ms: %s)", hedges, pauses.size(), gcMaxMs,
            pauses.stream().map(GcPauses.Pause::kind).distinct().toList());
      }
      String key = "rate." + percent + "." + target.name();
      record(key, result.latency());
      samples.add(key + ".achieved", result.achievedRate());
      samples.add(key + ".errors", result.errors());
      samples.add(key + ".cpu", cpu);
      samples.add(key + ".generatorCpu", result.cpuMicrosPerCall());
      Log.line("  rate %3d%% (%6.0f/s) %-10s p50 %7.1f µs  p99 %8.1f µs  errors %d  CPU a call: %.1f µs (generator %.1f µs)%s",
          percent, rate, target.name(), Histograms.micros(result.latency(), 50),
          Histograms.micros(result.latency(), 99), result.errors(), cpu, result.cpuMicrosPerCall(), hedged);
    }
  }

  /**
   * (e) Spillway alone, back to back on one connection: the plain model (the fallback's own time);
   * a model whose primary answers 503 on every call and whose breaker never opens (failover on
   * every call); and a model whose primary's breaker was tripped before and stays open for an hour
   * (the primary skipped without a call). The stats endpoint checks each case measured what it says:
   * the primary's call count over the case is recorded as a share of the calls (100 % and 0 %).
   */
  void failover(Target spillway, Warmup warmup, Service process, boolean firstRound) throws Exception {
    Target plain = spillway.withModel("plain", "gpt-4o-mini");
    Target on503 = spillway.withModel("on503", "bench-failover");
    Target open = spillway.withModel("circuit-open", "bench-open");
    if (firstRound) {
      tripCircuit(open, process.adminPort());
      // The failover paths run code the plain warm-up did not: the failed attempt, the skip.
      warmup.untilSteady(on503, process);
      warmup.untilSteady(open, process);
    }
    for (Target target : List.of(plain, on503, open)) {
      String primary = target == on503 ? SpillwayConfig.FAILING_PRIMARY
          : target == open ? SpillwayConfig.OPEN_PRIMARY : null;
      SpillwayStats before = primary == null ? null : SpillwayStats.of(process.adminPort(), primary);
      int warm = 200;
      int calls = settings.sequentialCalls() / 2;
      Histogram latency = Sequential.run(target, warm, calls);
      record("failover." + target.name(), latency);
      String check = "";
      if (primary != null) {
        SpillwayStats after = SpillwayStats.of(process.adminPort(), primary);
        double share = (after.calls() - before.calls()) / (double) (warm + calls);
        samples.add("failover." + target.name() + ".primaryShare", share);
        check = String.format("  primary tried on %.0f %% of calls, circuit %s", share * 100, after.circuit());
        if (target == open && !after.circuit().equals("OPEN")) {
          samples.note("failover." + target.name(), "the circuit was " + after.circuit() + " after the measurement");
        }
      }
      Log.line("  failover %-12s p50 %7.1f µs  p99 %7.1f µs%s", target.name(),
          Histograms.micros(latency, 50), Histograms.micros(latency, 99), check);
    }
  }

  /** Calls the circuit-open case's model until its primary's breaker reports open. */
  private static void tripCircuit(Target open, int adminPort) throws Exception {
    try (BlockingConnection connection = new BlockingConnection(open)) {
      for (int call = 1; call <= 20; call++) {
        Sequential.expectOk(open, connection.call());
        String circuit = SpillwayStats.of(adminPort, SpillwayConfig.OPEN_PRIMARY).circuit();
        if (circuit.equals("OPEN")) {
          Log.line("  circuit of %s open after %d call(s)", SpillwayConfig.OPEN_PRIMARY, call);
          return;
        }
      }
    }
    throw new IllegalStateException("the breaker of " + SpillwayConfig.OPEN_PRIMARY + " did not open in 20 calls");
  }

  private void record(String key, Histogram latency) {
    samples.addLatency(key, latency);
  }
}
