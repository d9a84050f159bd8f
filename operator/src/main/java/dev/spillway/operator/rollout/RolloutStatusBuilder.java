package dev.spillway.operator.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.api.v1alpha1.CaseDifference;
import dev.spillway.api.v1alpha1.ModelRolloutStatus;
import dev.spillway.api.v1alpha1.TagScore;
import java.util.ArrayList;
import java.util.List;

/** An eval report (the proxy's JSON) into a ModelRollout's status: scores, per tag, and each difference with its reason. */
final class RolloutStatusBuilder {
  /** Status is read by people: the differences beyond these are counted in the message, not listed. */
  static final int MAX_DIFFERENCES = 50;
  private static final double SAME = 1e-9;

  private RolloutStatusBuilder() {}

  static void scores(ModelRolloutStatus status, JsonNode report) {
    status.candidateScore = round(report.path("candidate").path("score").asDouble());
    status.incumbentScore = round(report.path("incumbent").path("score").asDouble());
    List<TagScore> tags = new ArrayList<>();
    for (JsonNode tag : report.path("tags")) {
      TagScore score = new TagScore();
      score.tag = tag.path("tag").asText();
      score.candidate = round(tag.path("candidate").asDouble());
      score.incumbent = round(tag.path("incumbent").asDouble());
      tags.add(score);
    }
    status.tags = tags;
    List<CaseDifference> differences = new ArrayList<>();
    for (JsonNode evalCase : report.path("cases")) {
      double candidate = evalCase.path("candidate").path("score").asDouble();
      double incumbent = evalCase.path("incumbent").path("score").asDouble();
      if (Math.abs(candidate - incumbent) <= SAME || differences.size() >= MAX_DIFFERENCES) {
        continue;
      }
      boolean candidateLower = candidate < incumbent;
      JsonNode lower = evalCase.path(candidateLower ? "candidate" : "incumbent");
      CaseDifference difference = new CaseDifference();
      difference.name = evalCase.path("name").asText();
      difference.candidate = round(candidate);
      difference.incumbent = round(incumbent);
      difference.lowerSide = candidateLower ? "candidate" : "incumbent";
      difference.reason = lower.path("reason").asText(null);
      difference.detail = lower.path("detail").asText(null);
      differences.add(difference);
    }
    status.differences = differences;
  }

  /** The gate's reasons in one line. */
  static String verdict(JsonNode report) {
    List<String> reasons = new ArrayList<>();
    report.path("verdict").path("reasons").forEach(reason -> reasons.add(reason.asText()));
    return String.join("; ", reasons);
  }

  static boolean passed(JsonNode report) {
    return report.path("verdict").path("passed").asBoolean(false);
  }

  private static double round(double score) {
    return Math.round(score * 1000) / 1000.0;
  }
}
