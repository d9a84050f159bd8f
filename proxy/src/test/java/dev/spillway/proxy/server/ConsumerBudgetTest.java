package dev.spillway.proxy.server;

import static dev.spillway.proxy.testing.ProxyClient.chatBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.config.BudgetConfig;
import dev.spillway.config.ConsumerConfig;
import dev.spillway.config.PricingConfig;
import dev.spillway.proxy.auth.AuthMode;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.Reply;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A consumer's budgets: a blocking one answers 429 until its next period, an alerting one serves on. */
class ConsumerBudgetTest extends ProxyTestBase {
  private static final String BLOCKED_KEY = "sk-blocked-0123456789abcdefghijkl";
  private static final String ALERTED_KEY = "sk-alerted-0123456789abcdefghijkl";
  /** 1000 input tokens at $2 and 500 output tokens at $8 per million: $0.006 a call. */
  private static final String SERVED = "{\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,"
      + "\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}],"
      + "\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":500}}";

  @Override
  ProxyOptions options() {
    return super.options().withAuth(AuthMode.REQUIRED);
  }

  private static ConsumerConfig consumer(String name, String key, String onExhausted) {
    return new ConsumerConfig(name, List.of(ConfigBuilder.key(name, key, null)), null, null, null,
        List.of(new BudgetConfig(0.01, "daily", List.of(50), onExhausted)), null);
  }

  @Test
  void aSpentBlockingBudgetIs429UntilTheNextPeriodAndAnAlertingOneServesOn() throws Exception {
    load(ConfigBuilder.create()
        .account("primary", primary.baseUrl())
        .model("chat", m -> m.target("primary", "p", new PricingConfig(2, 8, 0)))
        .consumer(consumer("blocked", BLOCKED_KEY, "block"))
        .consumer(consumer("alerted", ALERTED_KEY, "alert"))
        .build());
    primary.always(Reply.json(200, SERVED));
    clock.advance(Duration.ofHours(18)); // 06:00 before the next UTC midnight

    for (String key : List.of(BLOCKED_KEY, ALERTED_KEY)) {
      assertThat(chat(key).statusCode()).isEqualTo(200); // $0.006 of $0.01
      assertThat(chat(key).statusCode()).isEqualTo(200); // $0.012: now spent
    }
    // A call is charged when its exchange completes, which may be just after the client has its answer.
    await().untilAsserted(() -> assertThat(json(admin.get("/v1/spillway/stats").body())
        .at("/consumers/blocked/budgets/0/spentUsd").asDouble()).isCloseTo(0.012, within(1e-9)));
    HttpResponse<String> refused = chat(BLOCKED_KEY);

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(json(refused.body()).at("/error/code").asText()).isEqualTo("consumer_budget_exhausted");
    assertThat(json(refused.body()).at("/error/message").asText()).contains("daily budget", "blocked");
    assertThat(refused.headers().firstValue("retry-after")).contains(Long.toString(Duration.ofHours(6).toSeconds()));
    assertThat(chat(ALERTED_KEY).statusCode()).isEqualTo(200);
    await().untilAsserted(() -> assertThat(json(admin.get("/v1/spillway/stats").body())
        .at("/consumers/alerted/monthSpentUsd").asDouble()).isCloseTo(0.018, within(1e-9)));
    JsonNode stats = json(admin.get("/v1/spillway/stats").body());
    assertThat(stats.at("/consumers/blocked/budgets/0/spentUsd").asDouble()).isCloseTo(0.012, within(1e-9));
    assertThat(stats.at("/consumers/blocked/budgets/0/amountUsd").asDouble()).isEqualTo(0.01);
    assertThat(stats.at("/consumers/alerted/monthSpentUsd").asDouble()).isCloseTo(0.018, within(1e-9));
    assertThat(admin.get("/metrics").body())
        .contains("spillway_consumer_budget_alerts_total{consumer=\"alerted\",percent=\"100\",period=\"daily\"} 1.0")
        .contains("spillway_consumer_rejections_total{consumer=\"blocked\",reason=\"budget_exhausted\"} 1.0");

    clock.advance(Duration.ofHours(6));
    assertThat(chat(BLOCKED_KEY).statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> chat(String key) throws Exception {
    return client.chat(chatBody("chat"), Map.of("authorization", "Bearer " + key));
  }
}
