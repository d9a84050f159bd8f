package dev.spillway.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.api.v1alpha1.ConsumerBudget;
import dev.spillway.api.v1alpha1.ConsumerKey;
import dev.spillway.api.v1alpha1.Limits;
import dev.spillway.api.v1alpha1.PolicyMatch;
import dev.spillway.api.v1alpha1.SecretKeyRef;
import dev.spillway.config.BudgetConfig;
import dev.spillway.config.ClientKeyDigest;
import dev.spillway.config.ConfigJson;
import dev.spillway.config.ConsumerConfig;
import dev.spillway.config.ConsumerKeyConfig;
import dev.spillway.config.LimitsConfig;
import dev.spillway.config.RouterConfig;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a Consumer compiles to: digests of its keys and nothing of the keys themselves. */
class ConsumerCompileTest {
  private static final String NEXT_KEY = "sk-team-a-next-9876543210zyxwvu";

  @Test
  void theConfigHoldsDigestsOfTheKeysAndNeverTheKeys() {
    TestResources resources = TestResources.valid().withTeamA().clientKey("team-a-keys", "next", NEXT_KEY);
    resources.consumerSpec("team-a").keys.add(new ConsumerKey(new SecretKeyRef("team-a-keys", "next"), null));

    RouterConfig config = resources.compile().config();
    String published = ConfigJson.write(config);

    assertThat(published).doesNotContain(TestResources.TEAM_A_KEY).doesNotContain(NEXT_KEY)
        .doesNotContain("0123456789abcdefghij").doesNotContain("9876543210zyxwvu");
    byte[] salt = HexFormat.of().parseHex(config.clientAuth().keySalt());
    assertThat(salt).hasSize(16);
    assertThat(config.clientAuth().consumers().get("team-a").keys())
        .extracting(ConsumerKeyConfig::id, ConsumerKeyConfig::digest)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("team-a-keys/current", ClientKeyDigest.hex(salt, TestResources.TEAM_A_KEY)),
            org.assertj.core.groups.Tuple.tuple("team-a-keys/next", ClientKeyDigest.hex(salt, NEXT_KEY)));
    assertThat(ConfigJson.read(published)).isEqualTo(config);
  }

  @Test
  void aRotatedKeyValueGivesANewConfigVersion() {
    String before = TestResources.valid().withTeamA().compile().config().version();
    String after = TestResources.valid().withTeamA().clientKey("team-a-keys", "current", NEXT_KEY)
        .compile().config().version();

    assertThat(after).isNotEqualTo(before);
  }

  @Test
  void theSaltDependsOnTheSourceSoEqualKeysDigestDifferentlyElsewhere() {
    assertThat(ClientKeyDigest.saltFor("team-ns")).isNotEqualTo(ClientKeyDigest.saltFor("other-ns"))
        .isEqualTo(ClientKeyDigest.saltFor("team-ns")).matches("[0-9a-f]{32}");
  }

  @Test
  void everyFieldIsCompiledWithItsDefaults() {
    TestResources resources = TestResources.valid().withTeamA();
    resources.consumerSpec("team-a").keys.get(0).expiresAt = "2026-12-31T00:00:00+01:00";
    resources.consumerSpec("team-a").allowedModels = List.of("chat");
    resources.consumerSpec("team-a").allowedPolicies = List.of("interactive", "default");
    resources.consumerSpec("team-a").limits = new Limits();
    resources.consumerSpec("team-a").limits.requestsPerMinute = 60;
    ConsumerBudget daily = new ConsumerBudget();
    daily.amountUsd = 5.0;
    daily.period = "daily";
    daily.alertAtPercent = List.of(90, 50);
    daily.onExhausted = "alert";
    ConsumerBudget monthly = new ConsumerBudget();
    monthly.amountUsd = 100.0;
    resources.consumerSpec("team-a").budgets = List.of(daily, monthly);
    resources.consumerSpec("team-a").attributes = Map.of("cost-center", "cc-42");
    resources.policySpec("interactive").match = new PolicyMatch();
    resources.policySpec("interactive").match.consumers = List.of("team-a");

    RouterConfig config = resources.compile().config();
    ConsumerConfig team = config.clientAuth().consumers().get("team-a");

    assertThat(team.keys().get(0).expiresAtMs()).isEqualTo(Instant.parse("2026-12-30T23:00:00Z").toEpochMilli());
    assertThat(team.allowedModels()).containsExactly("chat");
    assertThat(team.mayUseModel("chat")).isTrue();
    assertThat(team.mayUseModel("backup")).isFalse();
    assertThat(team.mayUsePolicy("default")).isTrue();
    assertThat(team.limits()).isEqualTo(new LimitsConfig(60, 0));
    assertThat(team.budgets()).containsExactly(
        new BudgetConfig(5.0, "daily", List.of(50, 90), "alert"),
        new BudgetConfig(100.0, "monthly", List.of(), "block"));
    assertThat(team.attributes()).containsExactly(Map.entry("cost-center", "cc-42"));
    assertThat(config.policies().get(0).match().consumers()).containsExactly("team-a");
  }
}
