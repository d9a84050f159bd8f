package dev.spillway.bench;

import dev.spillway.bench.load.ConstantRate;
import dev.spillway.bench.load.Histograms;
import dev.spillway.bench.load.Sequential;
import dev.spillway.bench.load.Target;
import dev.spillway.bench.load.Wrk;
import dev.spillway.bench.report.Samples;
import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.Histogram;

/** Plain (non-streaming) calls: sequential latency, throughput, fixed-rate latency, failover, tracing. */
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

  /** Unrecorded closed-loop load on every system first, so the JITs and connection pools are warm. */
  void warmUp(List<Target> targets) throws Exception {
    for (Target target : targets) {
      Wrk.run(target, 16, settings.wrkSeconds(), work);
    }
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

  /** (c) Fixed rates at fractions of Spillway's saturation, latency from each call's intended start. */
  void fixedRates(List<Target> targets, double saturation) throws Exception {
    for (int percent : RATE_PERCENTS) {
      double rate = saturation * percent / 100;
      for (Target target : targets) {
        ConstantRate.Result result =
            ConstantRate.run(target, Settings.RATE_CONNECTIONS, rate, settings.rateSeconds() * 1000L);
        String key = "rate." + percent + "." + target.name();
        record(key, result.latency());
        samples.add(key + ".achieved", result.achievedRate());
        samples.add(key + ".errors", result.errors());
        Log.line("  rate %3d%% (%6.0f/s) %-10s p50 %7.1f µs  p99 %8.1f µs  errors %d", percent, rate,
            target.name(), Histograms.micros(result.latency(), 50), Histograms.micros(result.latency(), 99),
            result.errors());
      }
    }
  }

  /**
   * (e) Spillway alone: the same call to a model whose primary answers 503 (failover on every call),
   * to one whose primary is known bad (a 429 with an hour's Retry-After, skipped without a call),
   * and to the plain model (the fallback's own time), back to back.
   */
  void failover(Target spillway) throws Exception {
    List<Target> cases = List.of(
        spillway.withModel("plain", "gpt-4o-mini"),
        spillway.withModel("on503", "bench-failover"),
        spillway.withModel("known-bad", "bench-limited"));
    for (Target target : cases) {
      Histogram latency = Sequential.run(target, 200, settings.sequentialCalls() / 2);
      record("failover." + target.name(), latency);
      Log.line("  failover %-10s p50 %7.1f µs  p99 %7.1f µs", target.name(),
          Histograms.micros(latency, 50), Histograms.micros(latency, 99));
    }
  }

  /** (f) Throughput at 16 connections with tracing off and on, back to back. */
  void tracing(Target off, Target on) throws Exception {
    for (Target target : List.of(off, on)) {
      Wrk.Result result = Wrk.run(target, 16, settings.wrkSeconds(), work);
      samples.add("tracing." + target.name(), result.requestsPerSecond());
      Log.line("  tracing %-16s %9.0f req/s  errors %d", target.name(), result.requestsPerSecond(), result.errors());
    }
  }

  private void record(String key, Histogram latency) {
    samples.add(key + ".p50", Histograms.micros(latency, 50));
    samples.add(key + ".p90", Histograms.micros(latency, 90));
    samples.add(key + ".p99", Histograms.micros(latency, 99));
    samples.add(key + ".p999", Histograms.micros(latency, 99.9));
    samples.add(key + ".max", latency.getMaxValue() / 1000.0);
  }
}
