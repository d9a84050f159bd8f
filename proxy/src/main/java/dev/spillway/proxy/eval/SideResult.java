package dev.spillway.proxy.eval;

import java.util.List;

/**
 * One side's result on one case.
 *
 * @param score weighted mean of the grades, 0..1
 * @param reason why the score is not full, or null when it is
 * @param detail the first shortfall in words, or null when the score is full
 */
public record SideResult(double score, List<Grade> grades, EvalAnswer answer, Reason reason, String detail) {
  public SideResult {
    grades = List.copyOf(grades);
  }
}
