package dev.spillway.proxy.eval;

import java.util.List;

/** Both sides on one case. */
public record CaseResult(String name, double weight, List<String> tags, SideResult incumbent, SideResult candidate) {
  private static final double SAME = 1e-9;

  public CaseResult {
    tags = List.copyOf(tags);
  }

  public boolean differs() {
    return Math.abs(candidate.score() - incumbent.score()) > SAME;
  }

  /** The side that scored lower; meaningful only when the scores differ. */
  public Arm lowerSide() {
    return candidate.score() < incumbent.score() ? Arm.CANDIDATE : Arm.INCUMBENT;
  }

  public SideResult lower() {
    return lowerSide() == Arm.CANDIDATE ? candidate : incumbent;
  }

  public SideResult side(Arm arm) {
    return arm == Arm.CANDIDATE ? candidate : incumbent;
  }
}
