package dev.spillway.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {
  static final Instant EARLIER = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant NOW = Instant.parse("2026-01-01T01:00:00Z");

  @Test
  void transitionTimeMovesOnlyWhenTheStatusChanges() {
    List<Condition> before = Conditions.stamped(List.of(
        Conditions.of("Accepted", true, "Valid", "ok", 1L),
        Conditions.of("Programmed", true, "Published", "v1", 1L)), null, EARLIER);

    List<Condition> after = Conditions.stamped(List.of(
        Conditions.of("Accepted", true, "Valid", "ok", 2L),
        Conditions.of("Programmed", false, "ConfigRejected", "bad", 2L)), before, NOW);

    assertThat(Conditions.find(after, "Accepted").getLastTransitionTime()).isEqualTo(EARLIER.toString());
    assertThat(Conditions.find(after, "Programmed").getLastTransitionTime()).isEqualTo(NOW.toString());
    assertThat(Conditions.find(after, "Accepted").getObservedGeneration()).isEqualTo(2L);
  }
}
