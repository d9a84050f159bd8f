package dev.spillway.proxy.eval;

import java.util.List;

/**
 * A finished eval run of one rollout: every case on both sides, the scores, and the gate's verdict.
 *
 * @param tags per tag, in tag order
 * @param judgeCalls calls the LLM judge made (both sides)
 */
public record EvalReport(
    String rollout,
    String incumbentTarget,
    String candidateTarget,
    List<CaseResult> cases,
    SideSummary incumbent,
    SideSummary candidate,
    List<TagScores> tags,
    int judgeCalls,
    double judgeCostUsd,
    GateVerdict verdict) {

  public EvalReport {
    cases = List.copyOf(cases);
    tags = List.copyOf(tags);
  }

  /** The differing cases only: what status shows and a user reads first. */
  public List<CaseResult> differences() {
    return cases.stream().filter(CaseResult::differs).toList();
  }

  /**
   * One side over the whole set.
   *
   * @param medianLatencyMs over the calls that answered; 0 when none did
   * @param unjudged grades the judge could not give (they fail the gate)
   */
  public record SideSummary(double score, long medianLatencyMs, double costUsd, int failedCalls, int unjudged) {}

  public record TagScores(String tag, double incumbent, double candidate, int cases) {}
}
