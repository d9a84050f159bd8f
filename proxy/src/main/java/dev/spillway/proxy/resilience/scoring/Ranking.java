package dev.spillway.proxy.resilience.scoring;

import dev.spillway.proxy.routing.CandidateScore;
import java.util.ArrayList;
import java.util.List;

/**
 * Orders scored candidates: eligible before demoted before refused; then by group (the requested
 * model's targets before its fallback models'); within a group by score, where the group's planned
 * primary gets the switch-over margin as a bonus and the last leader half of it. So a
 * challenger must clearly beat the primary to take over, and once it has, the primary must come
 * back to within half the margin to take over again: scores that are close do not flap. Plan order
 * breaks ties, so with no statistics the order is the planned one.
 */
public final class Ranking {
  private Ranking() {}

  /** The order and why its first candidate leads. */
  public record Ranked(List<CandidateScore> order, String reason) {
    public String leader() {
      return order.isEmpty() || order.get(0).standing() == CandidateScore.Standing.REFUSED
          ? null
          : order.get(0).target();
    }
  }

  /**
   * @param incumbent the target that led the last decision of this route, or null
   * @param preferred an eligible target that must lead (recovery probe, experiment arm, sticky
   *     user), or null
   * @param preferredReason why it leads
   */
  public static Ranked rank(
      List<CandidateScore> scores, double margin, String incumbent, String preferred, String preferredReason) {
    List<CandidateScore> order = new ArrayList<>(scores);
    // Standing, then group, then adjusted score (highest first), then plan order. One comparator
    // object per request rather than a chain of them: this runs for every request.
    order.sort((a, b) -> {
      int byStanding = Integer.compare(a.standing().ordinal(), b.standing().ordinal());
      if (byStanding != 0) {
        return byStanding;
      }
      int byGroup = Integer.compare(a.group(), b.group());
      if (byGroup != 0) {
        return byGroup;
      }
      int byScore = Double.compare(adjusted(b, margin, incumbent), adjusted(a, margin, incumbent));
      return byScore != 0 ? byScore : Integer.compare(a.planIndex(), b.planIndex());
    });
    if (preferred != null) {
      for (int i = 0; i < order.size(); i++) {
        CandidateScore c = order.get(i);
        if (c.target().equals(preferred) && c.standing() == CandidateScore.Standing.ELIGIBLE) {
          order.add(0, order.remove(i));
          return new Ranked(order, preferredReason);
        }
      }
    }
    return new Ranked(order, reason(order));
  }

  private static double adjusted(CandidateScore c, double margin, String incumbent) {
    double bonus = c.planIndex() == c.group() ? margin : 0;
    if (c.target().equals(incumbent)) {
      bonus += margin / 2;
    }
    return c.score() + bonus;
  }

  private static String reason(List<CandidateScore> order) {
    if (order.isEmpty()) {
      return "no candidates";
    }
    CandidateScore first = order.get(0);
    return switch (first.standing()) {
      case REFUSED -> "every candidate is refused";
      case DEMOTED -> "every candidate is demoted; best of them";
      case ELIGIBLE -> {
        CandidateScore best = first;
        for (CandidateScore c : order) {
          if (c.standing() == CandidateScore.Standing.ELIGIBLE && c.score() > best.score()) {
            best = c;
          }
        }
        if (best != first) {
          yield "leads within the switch-over margin";
        }
        yield first.planIndex() == 0 ? "primary, best score" : "best score";
      }
    };
  }
}
