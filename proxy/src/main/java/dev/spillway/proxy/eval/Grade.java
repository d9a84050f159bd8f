package dev.spillway.proxy.eval;

/**
 * One grader's verdict.
 *
 * @param score 0..1; deterministic graders give 0 or 1, the judge anything between
 * @param detail what fell short, in words; null when the score is full
 * @param judged false when a judge could not score (budget spent, judge failed): counts 0 and
 *     fails the gate, so an unmeasured candidate never passes
 */
public record Grade(double score, String detail, boolean judged) {
  static final Grade PASS = new Grade(1, null, true);

  static Grade fail(String detail) {
    return new Grade(0, detail, true);
  }

  static Grade of(boolean passed, String detail) {
    return passed ? PASS : fail(detail);
  }

  static Grade unjudged(String detail) {
    return new Grade(0, detail, false);
  }

  boolean full() {
    return score >= 1;
  }
}
