package dev.spillway.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
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
 * CPU time per operation ({@code -prof dev.spillway.jmh.CpuTimeProfiler}): {@code cpu.time.norm}
 * is the forked JVM's CPU time over an iteration (benchmark thread, timers, GC, JIT) divided by the
 * operations measured; {@code thread.cpu.norm} the benchmark's own worker threads' CPU time alone,
 * which leaves out the JIT compilers (busy far longer on a loaded machine, where they get fewer
 * cycles per second) and the GC. On a machine shared with other work, wall-clock scores grow with
 * the time the benchmark waits for a core; its CPU time does not, so these are the figures to
 * compare across runs there. (Hardware instruction counters, {@code -prof perfnorm}, are not
 * available in these VMs.)
 */
public final class CpuTimeProfiler implements InternalProfiler {
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private long startNanos;
  private long workersStartNanos;

  @Override
  public String getDescription() {
    return "process CPU time per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    startNanos = os.getProcessCpuTime();
    workersStartNanos = workersCpuNanos();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long ops = Math.max(1, result.getMetadata().getMeasuredOps());
    double microsPerOp = (os.getProcessCpuTime() - startNanos) / 1000.0 / ops;
    double workerMicrosPerOp = (workersCpuNanos() - workersStartNanos) / 1000.0 / ops;
    return List.of(new ScalarResult("cpu.time.norm", microsPerOp, "us/op", AggregationPolicy.AVG),
        new ScalarResult("thread.cpu.norm", workerMicrosPerOp, "us/op", AggregationPolicy.AVG));
  }

  /** The CPU time of JMH's worker threads (named {@code <benchmark>-jmh-worker-<n>}), which live across iterations. */
  private long workersCpuNanos() {
    long total = 0;
    for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (thread != null && thread.getThreadName().contains("-jmh-worker-")) {
        total += Math.max(0, threads.getThreadCpuTime(thread.getThreadId()));
      }
    }
    return total;
  }
}
