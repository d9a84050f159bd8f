package dev.spillway.proxy.rollout;

import org.HdrHistogram.ConcurrentHistogram;

/**
 * One arm's outcomes since its rollout revision started on this replica: calls, errors (the
 * target could not serve), quality-check failures, and latencies for the p95. Thread-safe.
 */
final class ArmStats {
  private static final long MAX_TRACKED_MS = 3_600_000;

  private final ConcurrentHistogram latencies = new ConcurrentHistogram(MAX_TRACKED_MS, 2);
  private long calls;
  private long errors;
  private long checkFailures;

  synchronized void succeeded(long latencyMs) {
    calls++;
    latencies.recordValue(Math.min(Math.max(latencyMs, 0), MAX_TRACKED_MS));
  }

  synchronized void failed(boolean checkFailure) {
    calls++;
    if (checkFailure) {
      checkFailures++;
    } else {
      errors++;
    }
  }

  synchronized Snapshot snapshot() {
    return new Snapshot(calls, errors, checkFailures, latencies.getTotalCount() == 0 ? 0 : latencies.getValueAtPercentile(95));
  }

  /** @param p95Ms over the calls that answered */
  record Snapshot(long calls, long errors, long checkFailures, long p95Ms) {
    double errorRate() {
      return calls == 0 ? 0 : (double) errors / calls;
    }

    double checkFailureRate() {
      return calls == 0 ? 0 : (double) checkFailures / calls;
    }
  }
}
