package dev.spillway.proxy.resilience.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.proxy.routing.CandidateScore;
import dev.spillway.proxy.routing.CandidateScore.Standing;
import java.util.List;
import org.junit.jupiter.api.Test;

class RankingTest {
  private static final double MARGIN = 0.1;

  @Test
  void equalScoresKeepThePlannedOrder() {
    assertThat(leader(0.9, 0.9, null)).isEqualTo("primary");
  }

  @Test
  void aChallengerNeedsTheMarginToOvertakeThePrimary() {
    assertThat(leader(0.80, 0.88, null)).isEqualTo("primary");
    assertThat(leader(0.80, 0.92, null)).isEqualTo("backup");
  }

  @Test
  void onceOvertakenThePrimaryMustComeBackWithinHalfTheMarginWithoutFlapping() {
    // The backup leads; the primary's score recovers in small steps around the switch point.
    assertThat(leader(0.80, 0.87, "backup")).as("backup keeps the lead").isEqualTo("backup");
    assertThat(leader(0.84, 0.87, "backup")).as("within half the margin: primary again").isEqualTo("primary");
    assertThat(leader(0.80, 0.92, "primary")).as("primary incumbent needs 1.5 margins to lose").isEqualTo("primary");
  }

  @Test
  void demotedAndRefusedGoLastAndTheRequestedModelLeadsItsFallbacks() {
    List<CandidateScore> scores =
        List.of(
            score("primary", 0, 0, 0.99, Standing.DEMOTED),
            score("backup", 1, 0, 0.5, Standing.ELIGIBLE),
            score("fallback-model", 2, 2, 0.99, Standing.ELIGIBLE),
            score("open", 3, 2, 0.99, Standing.REFUSED));
    Ranking.Ranked ranked = Ranking.rank(scores, MARGIN, null, null, null);
    assertThat(ranked.order()).extracting(CandidateScore::target)
        .containsExactly("backup", "fallback-model", "primary", "open");
  }

  @Test
  void aPreferredEligibleTargetLeadsWithItsReason() {
    List<CandidateScore> scores =
        List.of(score("primary", 0, 0, 0.9, Standing.ELIGIBLE), score("backup", 1, 0, 0.5, Standing.ELIGIBLE));
    Ranking.Ranked ranked = Ranking.rank(scores, MARGIN, null, "backup", "sticky user");
    assertThat(ranked.leader()).isEqualTo("backup");
    assertThat(ranked.reason()).isEqualTo("sticky user");
  }

  private static String leader(double primary, double backup, String incumbent) {
    List<CandidateScore> scores =
        List.of(score("primary", 0, 0, primary, Standing.ELIGIBLE), score("backup", 1, 0, backup, Standing.ELIGIBLE));
    return Ranking.rank(scores, MARGIN, incumbent, null, null).leader();
  }

  private static CandidateScore score(String target, int index, int group, double score, Standing standing) {
    return new CandidateScore(target, index, group, score, 1, 1, 1, 1, 1, standing, null, "CLOSED");
  }
}
