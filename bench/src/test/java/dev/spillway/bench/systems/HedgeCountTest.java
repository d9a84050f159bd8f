package dev.spillway.bench.systems;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HedgeCountTest {
  @Test
  void sumsTheLaunchedHedgesOfEveryTargetAndNothingElse() {
    String exposition = """
        # HELP spillway_hedges_total Hedged attempts
        # TYPE spillway_hedges_total counter
        spillway_hedges_total{decision="budget_spent",target="mock/gpt-4o-mini"} 17.0
        spillway_hedges_total{decision="launched",target="mock/gpt-4o-mini"} 331.0
        spillway_hedges_total{decision="launched",target="other/model"} 2.0
        spillway_target_attempts_total{account="mock",outcome="success"} 3814.0
        """;

    assertThat(HedgeCount.sum(exposition)).isEqualTo(333);
  }
}
