package dev.spillway.proxy.eval;

import dev.spillway.proxy.eval.EvalReport.SideSummary;
import dev.spillway.proxy.eval.EvalReport.TagScores;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/** Whole-set and per-tag figures of a run: weighted mean scores, median latency, cost. */
final class Summaries {
  private Summaries() {}

  static SideSummary side(List<CaseResult> cases, Arm arm) {
    List<Long> latencies = new ArrayList<>();
    double cost = 0;
    int failed = 0;
    int unjudged = 0;
    for (CaseResult result : cases) {
      SideResult side = result.side(arm);
      cost += side.answer().costUsd();
      if (side.answer().ok()) {
        latencies.add(side.answer().latencyMs());
      } else {
        failed++;
      }
      unjudged += (int) side.grades().stream().filter(grade -> !grade.judged()).count();
    }
    latencies.sort(null);
    long median = latencies.isEmpty() ? 0 : latencies.get(latencies.size() / 2);
    return new SideSummary(score(cases, result -> result.side(arm).score()), median, cost, failed, unjudged);
  }

  static List<TagScores> tags(List<CaseResult> cases) {
    TreeMap<String, List<CaseResult>> byTag = new TreeMap<>();
    for (CaseResult result : cases) {
      result.tags().forEach(tag -> byTag.computeIfAbsent(tag, t -> new ArrayList<>()).add(result));
    }
    List<TagScores> tags = new ArrayList<>();
    byTag.forEach((tag, tagged) -> tags.add(new TagScores(tag, score(tagged, r -> r.incumbent().score()),
        score(tagged, r -> r.candidate().score()), tagged.size())));
    return tags;
  }

  /** Weighted by case weight; a set whose weights are all 0 scores as an unweighted mean. */
  private static double score(List<CaseResult> cases, ToDoubleFunction<CaseResult> score) {
    double weighted = 0;
    double weights = 0;
    for (CaseResult result : cases) {
      weighted += result.weight() * score.applyAsDouble(result);
      weights += result.weight();
    }
    if (weights > 0) {
      return weighted / weights;
    }
    return cases.stream().mapToDouble(score).average().orElse(0);
  }
}
