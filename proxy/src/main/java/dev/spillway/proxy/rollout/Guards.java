package dev.spillway.proxy.rollout;

import dev.spillway.config.rollout.RolloutConfig.GuardsConfig;
import java.util.Locale;
import java.util.Optional;

/** Candidate against incumbent on the same traffic: the first guard breached, in words. */
final class Guards {
  /**
   * Latency differences smaller than this never breach the p95 guard: at tens of milliseconds a
   * ratio measures scheduling noise, not the model (model calls take hundreds of ms to seconds).
   */
  static final long P95_SLACK_MS = 100;

  private Guards() {}

  static Optional<String> breach(GuardsConfig guards, ArmStats.Snapshot incumbent, ArmStats.Snapshot candidate,
      double candidateDriftSigma) {
    // Drift has its own evidence threshold (the detector's samples), so it may judge early.
    if (candidateDriftSigma > guards.maxDriftSigma()) {
      return Optional.of(String.format(Locale.ROOT, "quality drift %.1f sigma > %.1f", candidateDriftSigma,
          guards.maxDriftSigma()));
    }
    if (candidate.calls() < guards.minCalls() || incumbent.calls() < guards.minCalls()) {
      return Optional.empty();
    }
    double errorIncrease = candidate.errorRate() - incumbent.errorRate();
    if (errorIncrease > guards.maxErrorRateIncrease()) {
      return Optional.of(String.format(Locale.ROOT, "error rate %.1f%% vs incumbent %.1f%% (max +%.1f%%)",
          100 * candidate.errorRate(), 100 * incumbent.errorRate(), 100 * guards.maxErrorRateIncrease()));
    }
    double checkIncrease = candidate.checkFailureRate() - incumbent.checkFailureRate();
    if (checkIncrease > guards.maxCheckFailureIncrease()) {
      return Optional.of(String.format(Locale.ROOT, "quality-check failures %.1f%% vs incumbent %.1f%% (max +%.1f%%)",
          100 * candidate.checkFailureRate(), 100 * incumbent.checkFailureRate(), 100 * guards.maxCheckFailureIncrease()));
    }
    if (incumbent.p95Ms() > 0 && candidate.p95Ms() > guards.maxP95Ratio() * incumbent.p95Ms()
        && candidate.p95Ms() - incumbent.p95Ms() > P95_SLACK_MS) {
      return Optional.of(String.format(Locale.ROOT, "p95 latency %d ms vs incumbent %d ms (max %.2fx)",
          candidate.p95Ms(), incumbent.p95Ms(), guards.maxP95Ratio()));
    }
    return Optional.empty();
  }
}
