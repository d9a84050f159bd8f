package dev.spillway.proxy.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.config.CapabilitySet;
import dev.spillway.config.MatchConfig;
import dev.spillway.config.PolicyConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.proxy.http.ApiError;
import dev.spillway.proxy.testing.ConfigBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CandidatePlannerTest {
  private static final CapabilitySet TOOLS = new CapabilitySet(true, true, false, false, false, 8_192);
  private static final CapabilitySet SMALL = new CapabilitySet(true, true, false, false, false, 100);

  private static RequestFacts facts(String model, boolean tools, int tokens) {
    return new RequestFacts(model, false, null, null, null, tools, false, false, false, tokens, Map.of());
  }

  private static RouterConfig config() {
    return ConfigBuilder.create()
        .account("a", "http://a")
        .account("b", "http://b")
        .model("chat", m -> m.capabilities(TOOLS).target("a", "big").target("b", "plain", CapabilitySet.DEFAULTS).fallbackChain("backup"))
        .model("backup", m -> m.target("b", "tiny", SMALL).target("a", "big"))
        .model("other", m -> m.target("b", "other"))
        .build();
  }

  private static List<String> ids(Plan plan) {
    return plan.candidates().stream().map(Candidate::id).toList();
  }

  @Test
  void flattensTheRequestedModelsChainInOrderWithoutDuplicates() {
    Plan plan = CandidatePlanner.plan(config(), config().defaultPolicy(), facts("chat", false, 10));
    assertThat(ids(plan)).containsExactly("a/big", "b/plain", "b/tiny");
    assertThat(plan.maxAttempts()).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void thePolicyRouteReplacesTheRequestedModel() {
    PolicyConfig policy = ConfigBuilder.policy("p", 1, MatchConfig.ANY, List.of("other"), 2);
    Plan plan = CandidatePlanner.plan(config(), policy, facts("chat", false, 10));
    assertThat(ids(plan)).containsExactly("b/other");
    assertThat(plan.maxAttempts()).isEqualTo(3);
  }

  @Test
  void dropsTargetsLackingACapabilityOrContextWithAReason() {
    Plan plan = CandidatePlanner.plan(config(), config().defaultPolicy(), facts("chat", true, 500));
    assertThat(ids(plan)).containsExactly("a/big");
    assertThat(plan.skipped()).extracting(Skip::target).containsExactly("b/plain", "b/tiny");
    assertThat(plan.skipped().get(0).reason()).contains("tools");
    assertThat(plan.skipped().get(1).reason()).contains("context window 100");
  }

  @Test
  void whenNoTargetHasTheCapabilityTheRequestIsRejectedNamingIt() {
    assertThatThrownBy(() -> CandidatePlanner.plan(config(), config().defaultPolicy(), facts("other", true, 10)))
        .isInstanceOfSatisfying(ApiError.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.error().get("message").asText()).contains("tools").contains("'other'");
        });
  }

  @Test
  void unknownModelIs404() {
    assertThatThrownBy(() -> CandidatePlanner.plan(config(), config().defaultPolicy(), facts("nope", false, 10)))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void missingCapabilityChecksEachNeed() {
    RequestFacts json = new RequestFacts("m", true, null, null, null, false, true, true, false, 1, Map.of());
    assertThat(CandidatePlanner.missingCapability(CapabilitySet.DEFAULTS, json)).isEqualTo("vision");
    assertThat(CandidatePlanner.missingCapability(new CapabilitySet(true, false, true, false, false, 10), json)).isEqualTo("json mode");
    assertThat(CandidatePlanner.missingCapability(new CapabilitySet(false, true, true, true, true, 10), json)).isEqualTo("streaming");
    assertThat(CandidatePlanner.missingCapability(new CapabilitySet(true, true, true, true, true, 10), json)).isNull();
  }

  @Test
  void aReasoningRequestSkipsTargetsWithoutReasoning() {
    RequestFacts thinking = RequestParser.parse(
        dev.spillway.proxy.http.Json.MAPPER.valueToTree(Map.of(
            "model", "m", "reasoning_effort", "high", "messages", List.of(Map.of("role", "user", "content", "x")))),
        Map.of());
    RequestFacts off = new RequestFacts("m", false, null, null, null, false, false, false, false, 1, Map.of(), false);

    assertThat(thinking.reasoning()).isTrue();
    CapabilitySet noReasoning = new CapabilitySet(true, false, false, false, false, 8_192, false);
    assertThat(CandidatePlanner.missingCapability(noReasoning, thinking)).isEqualTo("reasoning");
    assertThat(CandidatePlanner.missingCapability(CapabilitySet.DEFAULTS, thinking)).isNull();
    assertThat(CandidatePlanner.missingCapability(noReasoning, off)).isNull();
  }
}
