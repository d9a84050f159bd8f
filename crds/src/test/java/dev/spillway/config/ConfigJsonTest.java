package dev.spillway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.api.v1alpha1.ProviderKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigJsonTest {

  /** Every record type with every nullable field both set and unset somewhere. */
  static RouterConfig fullConfig() {
    AccountConfig openai = new AccountConfig("openai", ProviderKind.OPENAI, "https://api.openai.com/v1",
        new SecretRef("llm-keys", "openai"), "eu", null, false, Map.of("X-Team", "search"),
        TimeoutConfig.DEFAULTS, new LimitsConfig(600, 0),
        new BudgetConfig(100, "monthly", List.of(50, 80), "block"),
        new HealthCheckConfig(30_000, 5_000, HealthProbe.MODELS), null);
    AccountConfig sim = new AccountConfig("sim", ProviderKind.SIMULATED, "simulated://sim", null, null,
        null, false, Map.of(), new TimeoutConfig(100, 200, 300), null, null, HealthCheckConfig.DISABLED,
        new SimulationConfig(40, 5, 10, 0.25, 503, "hi", List.of(
            new SimulationConfig.FaultConfig(SimulationConfig.FaultKind.RATE_LIMIT, 0, 5_000, 60_000, 429, 0))));
    TargetConfig target = new TargetConfig("openai/gpt-4o-mini", "openai", "gpt-4o-mini", 1, 1,
        CapabilitySet.DEFAULTS, new PricingConfig(0.15, 0.6, 0.075));
    ModelConfig chat = new ModelConfig("chat", "Chat", CapabilitySet.DEFAULTS,
        new DefaultsConfig(0.2, 512, null, List.of("END")), List.of(target), "backup", List.of("chat", "backup"));
    ModelConfig backup = new ModelConfig("backup", null, CapabilitySet.DEFAULTS, DefaultsConfig.NONE,
        List.of(new TargetConfig("sim/s", "sim", "s", 2, 0, CapabilitySet.DEFAULTS, PricingConfig.FREE)),
        null, List.of("backup"));
    PolicyConfig policy = new PolicyConfig("interactive", 10,
        new MatchConfig(List.of("planning"), null, List.of("chat"), Map.of("x-tier", "gold"), true),
        List.of("chat", "backup"), 2, 1, new TimeoutOverrides(null, 5_000L, null),
        new TriggersConfig(2_000, 0.05, null), CircuitBreakerConfig.DEFAULTS,
        new RetryConfig(2, 100, java.util.EnumSet.of(dev.spillway.config.RetryOn.CONNECT, dev.spillway.config.RetryOn.RATE_LIMITED)), new HedgeConfig(null, 5),
        new StickinessConfig("header", "x-user"), new ExperimentConfig(Map.of("openai/gpt-4o-mini", 1)),
        ScoringConfig.DEFAULTS);
    PolicyConfig fallback = new PolicyConfig(PolicyConfig.DEFAULT_NAME, Integer.MIN_VALUE, MatchConfig.ANY,
        List.of(), null, 0, TimeoutOverrides.NONE, TriggersConfig.NONE, CircuitBreakerConfig.DEFAULTS,
        RetryConfig.NONE, new HedgeConfig(300L, 10), null, null, ScoringConfig.DEFAULTS);
    return new RouterConfig("0123456789ab", "ns", Map.of("openai", openai, "sim", sim),
        Map.of("chat", chat, "backup", backup), List.of(policy), fallback);
  }

  @Test
  void aConfigSurvivesTheRoundTrip() {
    RouterConfig config = fullConfig();

    RouterConfig read = ConfigJson.read(ConfigJson.write(config));

    assertThat(read).isEqualTo(config);
    assertThat(ConfigJson.write(read)).isEqualTo(ConfigJson.write(config));
  }

  @Test
  void theJsonIsCanonicalAndKeepsTheWireNames() {
    String json = ConfigJson.write(fullConfig());

    assertThat(json).contains("\"provider\":\"openai\"", "\"kind\":\"RATE_LIMIT\"", "\"afterMs\":null");
    assertThat(json.indexOf("\"accounts\"")).isLessThan(json.indexOf("\"defaultPolicy\""));
    assertThat(json.indexOf("\"backup\":{")).isLessThan(json.indexOf("\"chat\":{"));
    assertThat(json).doesNotContain("apiKey");
  }

  @Test
  void unknownFieldsFromANewerWriterAreIgnored() {
    String json = ConfigJson.write(fullConfig()).replaceFirst("\\{", "{\"futureFeature\":{\"on\":true},");

    assertThat(ConfigJson.read(json)).isEqualTo(fullConfig());
  }

  @Test
  void textThatIsNotAConfigIsRejectedWithAnIllegalArgument() {
    assertThatThrownBy(() -> ConfigJson.read("{\"accounts\": [1, 2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a valid RouterConfig");
  }
}
