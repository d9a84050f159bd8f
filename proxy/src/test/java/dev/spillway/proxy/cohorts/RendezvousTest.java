package dev.spillway.proxy.cohorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RendezvousTest {
  private static final int USERS = 20_000;

  @Test
  void theSameUserAlwaysGetsTheSameTarget() {
    List<String> targets = List.of("a", "b", "c");
    for (int u = 0; u < 100; u++) {
      String first = pick("user-" + u, targets, Map.of());
      assertThat(pick("user-" + u, List.of("c", "b", "a"), Map.of())).isEqualTo(first);
    }
  }

  @Test
  void addingATargetMovesOnlyItsShare() {
    List<String> three = List.of("a", "b", "c");
    List<String> four = List.of("a", "b", "c", "d");
    int moved = 0;
    for (int u = 0; u < USERS; u++) {
      String before = pick("user-" + u, three, Map.of());
      String after = pick("user-" + u, four, Map.of());
      if (!before.equals(after)) {
        moved++;
        assertThat(after).as("a moved user only moves to the new target").isEqualTo("d");
      }
    }
    assertThat((double) moved / USERS).as("moved share, ideal 1/4").isCloseTo(0.25, within(0.02));
  }

  @Test
  void removingATargetMovesOnlyItsUsers() {
    List<String> three = List.of("a", "b", "c");
    for (int u = 0; u < USERS; u++) {
      String before = pick("user-" + u, three, Map.of());
      String after = pick("user-" + u, List.of("a", "c"), Map.of());
      if (!before.equals("b")) {
        assertThat(after).isEqualTo(before);
      }
    }
  }

  @Test
  void weightsSplitUsersInProportion() {
    Map<String, Integer> counts = new HashMap<>();
    Map<String, Integer> weights = Map.of("a", 80, "b", 20);
    for (int u = 0; u < USERS; u++) {
      counts.merge(pick("user-" + u, List.of("a", "b"), weights), 1, Integer::sum);
    }
    assertThat(counts.get("b") / (double) USERS).isCloseTo(0.2, within(0.02));
  }

  private static String pick(String key, List<String> options, Map<String, Integer> weights) {
    return Rendezvous.pick(key, new ArrayList<>(options), Function.identity(), o -> weights.getOrDefault(o, 1));
  }
}
