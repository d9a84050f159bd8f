package dev.spillway.jmh;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time per operation ({@code -prof dev.spillway.jmh.CpuTimeProfiler}): the forked JVM's CPU
 * time over an iteration (benchmark thread, timers, GC, JIT) divided by the operations measured.
 * On a machine shared with other work, wall-clock scores grow with the time the benchmark waits
 * for a core; its CPU time does not, so this is the figure to compare across runs there. (Hardware
 * instruction counters, {@code -prof perfnorm}, are not available in these VMs.)
 */
public final class CpuTimeProfiler implements InternalProfiler {
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long startNanos;

  @Override
  public String getDescription() {
    return "process CPU time per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    startNanos = os.getProcessCpuTime();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long ops = Math.max(1, result.getMetadata().getMeasuredOps());
    double microsPerOp = (os.getProcessCpuTime() - startNanos) / 1000.0 / ops;
    return List.of(new ScalarResult("cpu.time.norm", microsPerOp, "us/op", AggregationPolicy.AVG));
  }
}
