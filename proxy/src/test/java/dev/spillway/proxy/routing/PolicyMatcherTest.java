package dev.spillway.proxy.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.config.MatchConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.proxy.testing.ConfigBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyMatcherTest {

  private static RequestFacts facts(String model, boolean stream, String step, String purpose, Map<String, String> headers) {
    return new RequestFacts(model, stream, step, purpose, null, false, false, false, false, 10, headers);
  }

  private static MatchConfig match(List<String> steps, List<String> purposes, List<String> models, Map<String, String> headers, Boolean stream) {
    return new MatchConfig(steps, purposes, models, headers, stream);
  }

  @Test
  void eachCriterionMustHoldAndEmptyMeansAny() {
    MatchConfig m = match(List.of("plan"), List.of(), List.of("chat"), Map.of("x-team", "a"), true);

    assertThat(PolicyMatcher.matches(m, facts("chat", true, "plan", null, Map.of("x-team", "a")))).isTrue();
    assertThat(PolicyMatcher.matches(m, facts("chat", false, "plan", null, Map.of("x-team", "a")))).isFalse();
    assertThat(PolicyMatcher.matches(m, facts("other", true, "plan", null, Map.of("x-team", "a")))).isFalse();
    assertThat(PolicyMatcher.matches(m, facts("chat", true, null, null, Map.of("x-team", "a")))).isFalse();
    assertThat(PolicyMatcher.matches(m, facts("chat", true, "plan", null, Map.of("x-team", "b")))).isFalse();
    assertThat(PolicyMatcher.matches(MatchConfig.ANY, facts("x", false, null, null, Map.of()))).isTrue();
  }

  @Test
  void firstMatchInPriorityOrderWinsElseTheDefault() {
    RouterConfig config = ConfigBuilder.create()
        .policy(ConfigBuilder.policy("low", 1, match(null, List.of("summarize"), null, null, null), List.of(), null))
        .policy(ConfigBuilder.policy("high", 9, match(null, List.of("summarize"), List.of("chat"), null, null), List.of(), null))
        .build();

    assertThat(PolicyMatcher.match(config, facts("chat", false, null, "summarize", Map.of())).name()).isEqualTo("high");
    assertThat(PolicyMatcher.match(config, facts("other", false, null, "summarize", Map.of())).name()).isEqualTo("low");
    assertThat(PolicyMatcher.match(config, facts("chat", false, null, null, Map.of())).name()).isEqualTo("default");
  }
}
