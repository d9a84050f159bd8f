package dev.spillway.proxy.eval;

import dev.spillway.config.rollout.RolloutConfig.GateConfig;
import dev.spillway.proxy.eval.EvalReport.SideSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The eval gate: candidate ≥ incumbent − tolerance, its floor and ceilings, and nothing unmeasured. */
final class Gate {
  private Gate() {}

  static GateVerdict judge(GateConfig gate, SideSummary incumbent, SideSummary candidate) {
    List<String> reasons = new ArrayList<>();
    if (candidate.score() < incumbent.score() - gate.tolerance() - 1e-9) {
      reasons.add(String.format(Locale.ROOT, "candidate scores %.3f, below the incumbent's %.3f minus tolerance %.3f",
          candidate.score(), incumbent.score(), gate.tolerance()));
    }
    if (gate.minScore() != null && candidate.score() < gate.minScore()) {
      reasons.add(String.format(Locale.ROOT, "candidate scores %.3f, below minScore %.3f",
          candidate.score(), gate.minScore()));
    }
    if (gate.maxLatencyRatio() != null) {
      ceiling(reasons, "median latency", candidate.medianLatencyMs(), incumbent.medianLatencyMs(),
          gate.maxLatencyRatio(), "ms");
    }
    if (gate.maxCostRatio() != null) {
      ceiling(reasons, "cost", candidate.costUsd(), incumbent.costUsd(), gate.maxCostRatio(), "USD");
    }
    int unjudged = incumbent.unjudged() + candidate.unjudged();
    if (unjudged > 0) {
      reasons.add(unjudged + " grade(s) could not be judged (judge budget spent or judge failing):"
          + " an unmeasured candidate does not pass");
    }
    return new GateVerdict(reasons.isEmpty(), reasons);
  }

  private static void ceiling(List<String> reasons, String what, double candidate, double incumbent, double maxRatio,
      String unit) {
    // Against a free or instant incumbent any cost (or latency) is an infinite ratio; both zero is 1.
    double ratio = incumbent > 0 ? candidate / incumbent : candidate > 0 ? Double.POSITIVE_INFINITY : 1;
    if (ratio > maxRatio) {
      reasons.add(String.format(Locale.ROOT, "candidate %s %.4g %s is %.2fx the incumbent's %.4g %s (max %.2fx)",
          what, candidate, unit, ratio, incumbent, unit, maxRatio));
    }
  }
}
