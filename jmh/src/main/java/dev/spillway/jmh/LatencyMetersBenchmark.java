package dev.spillway.jmh;

import dev.spillway.proxy.telemetry.metrics.ProxyMetrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * One latency recording into a Prometheus timer, as two IO threads do on every call into the same
 * meter (one label set): {@code SUMMARY} is how {@code spillway.target.duration} and
 * {@code spillway.request.duration} were built before session 8 (client-side p50/p95/p99: every value
 * into three HdrHistogram recorders), {@code HISTOGRAM} how {@link ProxyMetrics} builds them now
 * (the conventions' buckets). docs/benchmarks.md, "Latency meters as histograms (session 8)".
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(2)
public class LatencyMetersBenchmark {
  /** How the timer publishes its distribution. */
  public enum Kind {
    SUMMARY,
    HISTOGRAM
  }

  @Param
  public Kind timer;

  private Timer meter;

  @Setup
  public void setUp() {
    Timer.Builder builder = Timer.builder("bench.duration");
    meter = (timer == Kind.SUMMARY
            ? builder.publishPercentiles(0.5, 0.95, 0.99)
            : builder.serviceLevelObjectives(ProxyMetrics.durationBuckets()))
        .register(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  @Benchmark
  public void record() {
    // 200-300 µs, as the benchmark's plain calls take upstream.
    meter.record(200_000 + ThreadLocalRandom.current().nextInt(100_000), TimeUnit.NANOSECONDS);
  }
}
