package dev.spillway.bench;

import dev.spillway.bench.load.Target;
import dev.spillway.bench.load.Wrk;
import dev.spillway.bench.report.Samples;
import dev.spillway.bench.systems.Service;
import java.nio.file.Path;

/**
 * Unrecorded closed-loop load (wrk, 16 connections) on one system until it is at steady state: two
 * consecutive samples within {@link #AGREEMENT} of each other and, for a JVM, its JIT compile queue
 * empty at the end of the last sample (read while the load still runs: once it stops, the queue
 * drains whether the hot path is compiled or not). Capped at the settings' cap. On 2 cores with one
 * C2 thread Spillway needs about a minute of load to get there; five seconds measured it half
 * compiled. V8 (Portkey) also compiles under load and gets the same samples (no queue to read);
 * nginx has no JIT and stops after two agreeing samples.
 */
final class Warmup {
  /** Largest relative difference of two consecutive samples that counts as steady. */
  static final double AGREEMENT = 0.10;

  private final Samples samples;
  private final Settings settings;
  private final Path work;

  Warmup(Samples samples, Settings settings, Path work) {
    this.samples = samples;
    this.settings = settings;
    this.work = work;
  }

  /**
   * @param jvm the process whose compile queue to watch (the proxy, or the mock for the direct
   *     path), or null for a system without a readable JIT queue
   */
  void untilSteady(Target target, Service jvm) throws Exception {
    long start = System.nanoTime();
    int sample = settings.warmupSampleSeconds();
    double previous = Double.NaN;
    while (true) {
      Wrk.Running load = Wrk.start(target, 16, sample, work);
      int queue = 0;
      if (jvm != null) {
        // The compile queue near the end of the sample, with the load still on. A sleep, not a sync:
        // the sample runs for a fixed time and this is the moment to look.
        Thread.sleep(Math.max(500, sample * 1000L - 700));
        queue = jvm.compileQueue();
      }
      double rps = load.await().requestsPerSecond();
      double seconds = (System.nanoTime() - start) / 1e9;
      boolean agree = !Double.isNaN(previous) && Math.abs(rps - previous) <= AGREEMENT * Math.max(rps, previous);
      boolean steady = agree && queue == 0;
      Log.line("  warm-up %-12s %5.0f s  %8.0f req/s  compile queue %s%s", target.name(), seconds, rps,
          jvm == null ? "–" : queue < 0 ? "unreadable" : Integer.toString(queue), steady ? "  steady" : "");
      if (steady || seconds >= settings.warmupCapSeconds()) {
        samples.add("warmup." + target.name() + ".seconds", seconds);
        samples.add("warmup." + target.name() + ".steady", steady ? 1 : 0);
        samples.add("warmup." + target.name() + ".rps", rps);
        if (!steady) {
          Log.line("  warm-up %s: not steady after the %d s cap (figures may be taken before steady state)",
              target.name(), settings.warmupCapSeconds());
        }
        return;
      }
      previous = rps;
    }
  }
}
