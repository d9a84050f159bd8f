package dev.spillway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.bench.TracingScenario.Mode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TracingScenarioTest {
  @Test
  void everyBlockHoldsEachModeOnceAndEachModeGoesFirstInTurn() {
    Set<Mode> first = new HashSet<>();
    for (int shift = 0; shift < Mode.values().length; shift++) {
      List<Mode> order = TracingScenario.order(shift);
      assertThat(order).containsExactlyInAnyOrder(Mode.values());
      first.add(order.get(0));
    }
    assertThat(first).containsExactlyInAnyOrder(Mode.values());
    assertThat(TracingScenario.order(4)).containsExactly(Mode.EVERY_CALL, Mode.SAMPLED, Mode.OFF);
  }

  @Test
  void inEveryRoundEachModeGoesFirstInOneBlock() {
    for (int round = 1; round <= 6; round++) {
      List<Mode> firsts = new ArrayList<>();
      for (int index = 1; index <= TracingScenario.INSTANCES; index++) {
        firsts.add(TracingScenario.order(round + index).get(0));
      }
      assertThat(firsts).as("round %d", round).containsExactlyInAnyOrder(Mode.values());
    }
  }

  @Test
  void theTracedModesExportToTheCollectorAtTheirRatioAndOffExportsNothing() {
    assertThat(Mode.OFF.environment(4318)).doesNotContainKey("SPILLWAY_OTLP_ENDPOINT");
    assertThat(Mode.EVERY_CALL.environment(4318))
        .containsEntry("SPILLWAY_OTLP_ENDPOINT", "http://127.0.0.1:4318")
        .containsEntry("SPILLWAY_TRACE_SAMPLING", "1.0");
    assertThat(Mode.SAMPLED.environment(4318)).containsEntry("SPILLWAY_TRACE_SAMPLING", "0.1");
    for (Mode mode : Mode.values()) {
      assertThat(mode.environment(4318)).containsEntry("SPILLWAY_ACCESS_LOG", "false");
    }
  }
}
