package dev.spillway.proxy.server;

import static dev.spillway.proxy.testing.ProxyClient.chatBody;
import static dev.spillway.proxy.testing.ProxyClient.completion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.config.AccountConfig;
import dev.spillway.config.MatchConfig;
import dev.spillway.config.RegionsConfig;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.LoopbackHttpServer;
import dev.spillway.proxy.testing.Reply;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Regions: a router in eu-west-1 before accounts in eu-west-1 ({@code primary}), eu-central-1
 * ({@code backup}) and us-east-1 ({@code us}), the US one listed first. Local targets serve first,
 * another region only when the local ones are degraded, and a residency policy never leaves its set.
 */
class RegionRoutingTest extends ProxyTestBase {
  private static final MatchConfig EU_HEADER = new MatchConfig(null, null, null, Map.of("x-data-residency", "eu"), null, null);

  private LoopbackHttpServer us;

  @Override
  ProxyOptions options() {
    return super.options().withRegion("eu-west-1");
  }

  @BeforeEach
  void startUs() {
    us = LoopbackHttpServer.start();
    primary.always(Reply.json(200, completion("eu-west")));
    backup.always(Reply.json(200, completion("eu-central")));
    us.always(Reply.json(200, completion("us")));
  }

  @AfterEach
  void stopUs() {
    us.close();
  }

  private void loadWithResidency(RegionsConfig regions) {
    ConfigBuilder config = ConfigBuilder.create()
        .account(account("us", us, "us-east-1"))
        .account(account("backup", backup, "eu-central-1"))
        .account(account("primary", primary, "eu-west-1"))
        .model("chat", m -> m.target("us", "u").target("backup", "b").target("primary", "p"));
    if (regions != null) {
      config.policy(ConfigBuilder.withRegions(
          ConfigBuilder.policy("eu-residency", 10, EU_HEADER, List.of(), null), regions));
    }
    load(config.build());
  }

  private static AccountConfig account(String name, LoopbackHttpServer server, String region) {
    AccountConfig plain = ConfigBuilder.account(name, server.baseUrl() + "/v1", TimeoutConfig.DEFAULTS, null, false,
        null, Map.of());
    return new AccountConfig(plain.name(), plain.provider(), plain.baseUrl(), null, region, null, false, Map.of(),
        plain.timeouts(), null, null, plain.healthCheck(), null);
  }

  private HttpResponse<String> euCall() throws Exception {
    return client.chat(chatBody("chat"), Map.of("x-data-residency", "eu"));
  }

  @Test
  void theLocalRegionServesFirstThoughListedLast() throws Exception {
    loadWithResidency(null); // the default policy: prefer the router's region, allow any

    HttpResponse<String> response = client.chat(chatBody("chat"));

    assertThat(response.headers().firstValue("x-spillway-served-by")).hasValue("primary/p");
    assertThat(response.headers().firstValue("x-spillway-served-region")).hasValue("eu-west-1");
    assertThat(us.requestCount() + backup.requestCount()).isZero();
  }

  @Test
  void anotherRegionServesOnlyWhenTheLocalOneIsDegraded() throws Exception {
    loadWithResidency(null);
    primary.always(Reply.json(503, "{}"));

    HttpResponse<String> response = client.chat(chatBody("chat"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(primary.requestCount()).as("the local target was tried first").isEqualTo(1);
    assertThat(response.headers().firstValue("x-spillway-served-region")).isPresent()
        .get().isNotEqualTo("eu-west-1");
  }

  @Test
  void aResidencyPolicySpillsWithinItsRegionsAndNeverLeavesThem() throws Exception {
    loadWithResidency(new RegionsConfig(List.of(RegionsConfig.LOCAL), List.of("eu-west-1", "eu-central-1")));
    primary.always(Reply.json(503, "{}"));

    HttpResponse<String> spilled = euCall();
    assertThat(spilled.headers().firstValue("x-spillway-served-by")).hasValue("backup/b");
    assertThat(spilled.headers().firstValue("x-spillway-served-region")).hasValue("eu-central-1");

    backup.always(Reply.json(503, "{}"));
    HttpResponse<String> nowhere = euCall();
    assertThat(nowhere.statusCode()).as("everything allowed is down: the call fails").isGreaterThanOrEqualTo(500);
    assertThat(nowhere.body()).contains("region us-east-1 is not in policy 'eu-residency' regions.allow");
    assertThat(us.requestCount()).as("never outside the allowed regions").isZero();

    HttpResponse<String> unconstrained = client.chat(chatBody("chat")); // no header: the default policy
    assertThat(unconstrained.headers().firstValue("x-spillway-served-by")).hasValue("us/u");
  }

  @Test
  void namedPreferredRegionsServeFirst() throws Exception {
    loadWithResidency(new RegionsConfig(List.of("eu-central-1"), List.of()));

    assertThat(euCall().headers().firstValue("x-spillway-served-by")).hasValue("backup/b");
  }
}
