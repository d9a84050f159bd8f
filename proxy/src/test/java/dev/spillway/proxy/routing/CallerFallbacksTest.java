package dev.spillway.proxy.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.config.CallerFallbacksConfig;
import dev.spillway.config.MatchConfig;
import dev.spillway.config.PolicyConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.proxy.http.ApiError;
import dev.spillway.proxy.testing.ConfigBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fallbacks named at the call site: read from the body or headers, put in the plan within the policy's limits. */
class CallerFallbacksTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static RouterConfig config() {
    return ConfigBuilder.create()
        .account("a", "http://a")
        .account("b", "http://b")
        .account("c", "http://c")
        .model("seedance", m -> m.target("a", "seedance-2.0").fallbackChain("veo"))
        .model("veo", m -> m.target("b", "veo-3"))
        .model("wan", m -> m.target("c", "wan-2.7"))
        .build();
  }

  private static ObjectNode body(String json) throws Exception {
    return (ObjectNode) MAPPER.readTree(json);
  }

  private static Plan plan(PolicyConfig policy, CallerRoute caller) {
    RequestFacts facts = new RequestFacts("seedance", false, null, null, null, false, false, false, false, 0,
        Map.of(), caller);
    return CandidatePlanner.plan(config(), policy, facts);
  }

  private static List<String> ids(Plan plan) {
    return plan.candidates().stream().map(Candidate::id).toList();
  }

  private static PolicyConfig limited(CallerFallbacksConfig limits) {
    PolicyConfig p = ConfigBuilder.policy("video", 1, MatchConfig.ANY, List.of(), null);
    return new PolicyConfig(p.name(), p.priority(), p.match(), p.route(), p.maxFallbackDepth(), p.minTier(),
        p.timeouts(), p.triggers(), p.circuitBreaker(), p.retry(), p.hedge(), p.stickiness(), p.experiment(),
        p.scoring(), p.quality(), null, limits);
  }

  @Test
  void theBodysFallbacksAndModeAreReadAndTakenOutOfTheBody() throws Exception {
    ObjectNode body = body("{\"model\":\"seedance\",\"fallbacks\":[\"wan\"],\"routing_mode\":\"strict\"}");

    CallerRoute caller = CallerRoute.read(body, Map.of());

    assertThat(caller.fallbacks()).containsExactly("wan");
    assertThat(caller.mode()).isEqualTo(RoutingMode.STRICT);
    assertThat(body.has("fallbacks")).as("providers reject unknown fields").isFalse();
    assertThat(body.has("routing_mode")).isFalse();
  }

  @Test
  void theHeadersWinOverTheBody() throws Exception {
    ObjectNode body = body("{\"fallbacks\":[\"veo\"]}");

    CallerRoute caller = CallerRoute.read(body, Map.of("x-spillway-fallbacks", "wan, veo"));

    assertThat(caller.fallbacks()).containsExactly("wan", "veo");
    assertThat(caller.describe()).isEqualTo("wan,veo (fallback)");
  }

  @Test
  void malformedFallbacksAndModesAreRefusedNamingTheField() {
    assertThatThrownBy(() -> CallerRoute.read(body("{\"fallbacks\":\"wan\"}"), Map.of()))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.error().path("param").asText()).isEqualTo("fallbacks"));
    assertThatThrownBy(() -> CallerRoute.read(body("{\"fallbacks\":[\"wan\"],\"routing_mode\":\"loud\"}"), Map.of()))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.getMessage()).contains("fallback, strict"));
    assertThatThrownBy(() -> CallerRoute.read(body("{}"), Map.of("x-spillway-routing-mode", "strict")))
        .hasMessageContaining("needs the fallbacks");
    assertThatThrownBy(() -> CallerRoute.read(body("{}"), Map.of("x-spillway-fallbacks", "a,,b")))
        .hasMessageContaining("empty model name");
    assertThatThrownBy(() -> CallerRoute.read(body("{}"), Map.of("x-spillway-fallbacks", "a,b,c,d,e,f,g,h,i")))
        .hasMessageContaining("at most 8");
  }

  @Test
  void callerFallbacksGoAfterThePrimaryAndBeforeThePolicysOwn() {
    Plan plan = plan(limited(null), new CallerRoute(List.of("wan"), RoutingMode.FALLBACK));

    assertThat(ids(plan)).containsExactly("a/seedance-2.0", "c/wan-2.7", "b/veo-3");
    assertThat(plan.caller().fallbacks()).containsExactly("wan");
  }

  @Test
  void strictModeUsesOnlyThePrimaryAndTheCallersFallbacks() {
    Plan plan = plan(limited(null), new CallerRoute(List.of("wan"), RoutingMode.STRICT));

    assertThat(ids(plan)).containsExactly("a/seedance-2.0", "c/wan-2.7");
  }

  @Test
  void aPolicyCanForbidCallerFallbacksOrRestrictThemToListedModels() {
    CallerRoute wan = new CallerRoute(List.of("wan"), RoutingMode.FALLBACK);

    assertThatThrownBy(() -> plan(limited(new CallerFallbacksConfig(false, List.of())), wan))
        .isInstanceOfSatisfying(ApiError.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.error().path("code").asText()).isEqualTo("fallbacks_not_allowed");
          assertThat(e.getMessage()).contains("'video'");
        });
    assertThatThrownBy(() -> plan(limited(new CallerFallbacksConfig(true, List.of("veo"))), wan))
        .isInstanceOfSatisfying(ApiError.class, e -> {
          assertThat(e.error().path("code").asText()).isEqualTo("fallback_not_allowed");
          assertThat(e.getMessage()).contains("'wan'", "allowed: veo");
        });
    assertThat(ids(plan(limited(new CallerFallbacksConfig(true, List.of("wan"))), wan))).contains("c/wan-2.7");
    assertThat(ids(plan(limited(new CallerFallbacksConfig(false, List.of())), CallerRoute.NONE)))
        .as("a request naming none is not affected").containsExactly("a/seedance-2.0", "b/veo-3");
  }

  @Test
  void anUnknownFallbackIsA400NamingIt() {
    assertThatThrownBy(() -> plan(limited(null), new CallerRoute(List.of("sora"), RoutingMode.FALLBACK)))
        .isInstanceOfSatisfying(ApiError.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.error().path("code").asText()).isEqualTo("model_not_found");
          assertThat(e.getMessage()).contains("'sora'");
        });
  }

  @Test
  void theMaxFallbackDepthStillBoundsTheChain() {
    PolicyConfig p = ConfigBuilder.policy("video", 1, MatchConfig.ANY, List.of(), 1);
    Plan plan = plan(p, new CallerRoute(List.of("wan"), RoutingMode.FALLBACK));

    assertThat(plan.maxAttempts()).isEqualTo(2);
  }
}
