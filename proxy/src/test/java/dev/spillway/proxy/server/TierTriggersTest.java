package dev.spillway.proxy.server;

import static dev.spillway.proxy.testing.ProxyClient.chatBody;
import static dev.spillway.proxy.testing.ProxyClient.completion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.config.CapabilitySet;
import dev.spillway.config.HedgeConfig;
import dev.spillway.config.MatchConfig;
import dev.spillway.config.PolicyConfig;
import dev.spillway.config.PricingConfig;
import dev.spillway.config.TriggerScope;
import dev.spillway.config.TriggersConfig;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.LoopbackHttpServer;
import dev.spillway.proxy.testing.Reply;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Trigger scopes: two tier-1 targets (the primary fails every call) and a tier-2 target. Judged per
 * target, the failing primary is shunned and its tier-1 sibling serves; judged per tier, the tier's
 * pooled error rate is past the threshold, so the whole tier is demoted and the tier-2 target serves.
 */
class TierTriggersTest extends ProxyTestBase {
  private LoopbackHttpServer tierTwo;

  @BeforeEach
  void startTierTwo() {
    tierTwo = LoopbackHttpServer.start();
  }

  @AfterEach
  void stopTierTwo() {
    tierTwo.close();
  }

  @Test
  void perTargetTheFailingTargetsSiblingInItsTierServes() throws Exception {
    load(TriggerScope.TARGET);
    warmUp();

    assertServedBy("backup/b");
  }

  @Test
  void perTierTheWholeTierIsDemotedAndTheNextTierServes() throws Exception {
    load(TriggerScope.TIER);
    warmUp();

    assertServedBy("tier-two/c");
  }

  /** Ten calls: the primary fails each (the call moves on to its sibling), so the tier's error rate is 50 %. */
  private void warmUp() throws Exception {
    for (int i = 0; i < 10; i++) {
      assertThat(client.chat(chatBody("chat")).statusCode()).isEqualTo(200);
    }
    assertThat(primary.requestCount()).isPositive();
  }

  private void assertServedBy(String target) throws Exception {
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> response = client.chat(chatBody("chat"));
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("x-spillway-served-by")).hasValue(target);
    }
  }

  private void load(TriggerScope scope) {
    primary.always(Reply.json(500, "{\"error\":{\"message\":\"down\"}}"));
    backup.always(Reply.json(200, completion("tier one")));
    tierTwo.always(Reply.json(200, completion("tier two")));
    PolicyConfig p = ConfigBuilder.policy("scoped", 10, MatchConfig.ANY, List.of(), null);
    PolicyConfig policy = ConfigBuilder.withHedge(new PolicyConfig(p.name(), p.priority(), p.match(), p.route(),
        p.maxFallbackDepth(), p.minTier(), p.timeouts(), new TriggersConfig(null, 0.2, null, scope), null, null,
        null, null, null, null, null), new HedgeConfig(null, 0));
    load(ConfigBuilder.create()
        .policy(policy)
        .account("primary", primary.baseUrl())
        .account("backup", backup.baseUrl())
        .account("tier-two", tierTwo.baseUrl())
        .model("chat", m -> m
            .target("primary", "a", 1, CapabilitySet.DEFAULTS, PricingConfig.FREE)
            .target("backup", "b", 1, CapabilitySet.DEFAULTS, PricingConfig.FREE)
            .target("tier-two", "c", 2, CapabilitySet.DEFAULTS, PricingConfig.FREE))
        .build());
  }
}
