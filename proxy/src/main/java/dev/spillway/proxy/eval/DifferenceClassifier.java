package dev.spillway.proxy.eval;

import dev.spillway.config.QualityCheck;
import dev.spillway.config.rollout.EvalCaseConfig;
import dev.spillway.config.rollout.GraderConfig;
import dev.spillway.config.rollout.GraderConfig.Check;
import dev.spillway.config.rollout.GraderConfig.Judge;
import dev.spillway.config.rollout.GraderConfig.MaxLatency;
import dev.spillway.proxy.quality.ChatChecks;
import dev.spillway.proxy.quality.RequestExpectations;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Says why a side fell short on a case. Failures that explain themselves come first (the call
 * failed, the judge could not score, a refusal, a length cut, nothing at all, only too slow).
 * Otherwise the failed graders are run again on repaired answers — code fence removed, escaping
 * undone, whitespace and case normalised: if a repair makes them pass, the answer was right and
 * only its shape differed. Anything else is a wrong answer.
 */
final class DifferenceClassifier {
  private static final Set<QualityCheck> REFUSAL_CHECKS = EnumSet.of(QualityCheck.REFUSAL);

  private final CheckGrader grader;
  private final ChatChecks checks;

  DifferenceClassifier(CheckGrader grader, ChatChecks checks) {
    this.grader = grader;
    this.checks = checks;
  }

  /** The reason of a side whose grades are not all full. */
  Reason classify(EvalCaseConfig evalCase, EvalAnswer side, List<Grade> grades) {
    if (!side.ok()) {
      return Reason.CALL_FAILED;
    }
    if (grades.stream().anyMatch(grade -> !grade.judged())) {
      return Reason.UNJUDGED;
    }
    if (checks.failure(side.answer(), RequestExpectations.of(evalCase.request()), REFUSAL_CHECKS).isPresent()) {
      return Reason.REFUSAL;
    }
    if ("length".equals(side.answer().finishReason())) {
      return Reason.LENGTH_CUT;
    }
    if (!side.answer().hasOutput()) {
      return Reason.EMPTY;
    }
    List<Check> failed = new ArrayList<>();
    boolean slow = false;
    for (int i = 0; i < grades.size(); i++) {
      Check check = evalCase.graders().get(i).check();
      if (!grades.get(i).full()) {
        slow |= check instanceof MaxLatency;
        if (!(check instanceof MaxLatency)) {
          failed.add(check);
        }
      }
    }
    if (failed.isEmpty()) {
      return slow ? Reason.TOO_SLOW : Reason.WRONG_ANSWER;
    }
    if (failed.stream().anyMatch(check -> check instanceof Judge)) {
      return Reason.WRONG_ANSWER; // a judge's low score is about substance; re-judging repairs would cost calls
    }
    for (Repair repair : Repair.values()) {
      String repaired = repair.text(side.answer().text());
      if (passAll(failed, repair, side.withText(repaired))) {
        return repair.reason();
      }
    }
    return Reason.WRONG_ANSWER;
  }

  private boolean passAll(List<Check> failed, Repair repair, EvalAnswer repaired) {
    for (Check check : failed) {
      if (!grader.grade(repair.check(check), repaired).full()) {
        return false;
      }
    }
    return true;
  }

  /** The first grader that fell short, in words: what a user reads next to the reason. */
  static String detail(List<GraderConfig> graders, List<Grade> grades) {
    for (Grade grade : grades) {
      if (!grade.full() && grade.detail() != null) {
        return grade.detail();
      }
    }
    return grades.isEmpty() || graders.isEmpty() ? "" : "scored below the other side";
  }
}
