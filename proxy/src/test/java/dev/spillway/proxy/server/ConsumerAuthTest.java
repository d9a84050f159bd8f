package dev.spillway.proxy.server;

import static dev.spillway.proxy.testing.ProxyClient.chatBody;
import static dev.spillway.proxy.testing.ProxyClient.completion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.config.ConsumerConfig;
import dev.spillway.config.LimitsConfig;
import dev.spillway.config.MatchConfig;
import dev.spillway.proxy.auth.AuthMode;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.Reply;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The public API's door: keys, allowances and per-consumer limits, with auth required. */
class ConsumerAuthTest extends ProxyTestBase {
  static final String TEAM_A_KEY = "sk-team-a-0123456789abcdefghijkl";
  static final String TEAM_B_KEY = "sk-team-b-0123456789abcdefghijkl";

  @Override
  ProxyOptions options() {
    return super.options().withAuth(AuthMode.REQUIRED);
  }

  @BeforeEach
  void upstreams() {
    primary.always(Reply.json(200, completion("from primary")));
    backup.always(Reply.json(200, completion("from backup")));
  }

  private ConfigBuilder twoModels() {
    return ConfigBuilder.create()
        .account("primary", primary.baseUrl())
        .account("backup", backup.baseUrl())
        .model("chat", m -> m.target("primary", "p"))
        .model("cheap", m -> m.target("backup", "b"));
  }

  private static Map<String, String> bearer(String key) {
    return Map.of("authorization", "Bearer " + key);
  }

  @Test
  void aMissingOrUnknownKeyIs401InTheOpenAiShapeAndCounted() throws Exception {
    load(twoModels().consumer("team-a", TEAM_A_KEY).build());

    HttpResponse<String> missing = client.chat(chatBody("chat"));
    HttpResponse<String> unknown = client.chat(chatBody("chat"), bearer("sk-garbage-0123456789abcdefghijkl"));
    HttpResponse<String> notBearer = client.chat(chatBody("chat"), Map.of("authorization", "Basic " + TEAM_A_KEY));

    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(json(missing.body()).at("/error/code").asText()).isEqualTo("missing_api_key");
    assertThat(missing.headers().firstValue("www-authenticate")).contains("Bearer");
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(json(unknown.body()).at("/error/code").asText()).isEqualTo("invalid_api_key");
    assertThat(json(unknown.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
    assertThat(notBearer.statusCode()).isEqualTo(401);
    assertThat(primary.requestCount()).isZero();
    String metrics = admin.get("/metrics").body();
    assertThat(metrics).contains("spillway_auth_failures_total{reason=\"unknown_key\"} 1.0")
        .contains("spillway_auth_failures_total{reason=\"missing_key\"} 2.0");
  }

  @Test
  void theMessagesEndpointRefusesInAnthropicsShape() throws Exception {
    load(twoModels().consumer("team-a", TEAM_A_KEY).build());
    String body = "{\"model\":\"chat\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    HttpResponse<String> refused = client.send(java.net.http.HttpRequest.newBuilder(client.uri("/v1/messages"))
        .header("content-type", "application/json").header("x-api-key", "sk-wrong-0123456789abcdefghijkl")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
    HttpResponse<String> served = client.send(java.net.http.HttpRequest.newBuilder(client.uri("/v1/messages"))
        .header("content-type", "application/json").header("x-api-key", TEAM_A_KEY)
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(json(refused.body()).at("/type").asText()).isEqualTo("error");
    assertThat(json(refused.body()).at("/error/type").asText()).isEqualTo("authentication_error");
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(json(served.body()).at("/type").asText()).isEqualTo("message");
  }

  @Test
  void aValidKeyServesAsBearerOrAsXApiKeyAndIsNeverForwarded() throws Exception {
    load(twoModels().consumer("team-a", TEAM_A_KEY).build());

    assertThat(client.chat(chatBody("chat"), bearer(TEAM_A_KEY)).statusCode()).isEqualTo(200);
    assertThat(client.chat(chatBody("chat"), Map.of("x-api-key", TEAM_A_KEY)).statusCode()).isEqualTo(200);

    assertThat(primary.requests()).hasSize(2).allSatisfy(request ->
        assertThat(request.headers().toString()).doesNotContain(TEAM_A_KEY).doesNotContainIgnoringCase("x-api-key"));
  }

  @Test
  void aModelOrPolicyTheConsumerMayNotUseIs403() throws Exception {
    load(twoModels()
        .consumer(new ConsumerConfig("team-a", List.of(ConfigBuilder.key("team-a", TEAM_A_KEY, null)),
            List.of("chat", "cheap"), List.of("default"), null, null, null))
        .consumer(new ConsumerConfig("team-b", List.of(ConfigBuilder.key("team-b", TEAM_B_KEY, null)),
            List.of("cheap"), null, null, null, null))
        .policy(ConfigBuilder.policy("batch", 5, new MatchConfig(null, List.of("batch"), null, null, null), List.of(), null))
        .build());

    HttpResponse<String> wrongModel = client.chat(chatBody("chat"), bearer(TEAM_B_KEY));
    HttpResponse<String> wrongPolicy = client.chat(chatBody("chat"),
        Map.of("authorization", "Bearer " + TEAM_A_KEY, "x-spillway-purpose", "batch"));

    assertThat(wrongModel.statusCode()).isEqualTo(403);
    assertThat(json(wrongModel.body()).at("/error/code").asText()).isEqualTo("model_not_allowed");
    assertThat(json(wrongModel.body()).at("/error/message").asText()).contains("team-b", "chat");
    assertThat(wrongPolicy.statusCode()).isEqualTo(403);
    assertThat(json(wrongPolicy.body()).at("/error/code").asText()).isEqualTo("policy_not_allowed");
    assertThat(client.chat(chatBody("cheap"), bearer(TEAM_B_KEY)).statusCode()).isEqualTo(200);
    assertThat(primary.requestCount()).isZero();
    JsonNode models = json(client.send(java.net.http.HttpRequest.newBuilder(client.uri("/v1/models"))
        .header("authorization", "Bearer " + TEAM_B_KEY)).body());
    assertThat(models.findValuesAsText("id")).containsExactly("cheap");
  }

  @Test
  void aConsumerOverItsLimitGets429WhileAnotherIsServed() throws Exception {
    load(twoModels()
        .consumer(new ConsumerConfig("team-a", List.of(ConfigBuilder.key("team-a", TEAM_A_KEY, null)),
            null, null, new LimitsConfig(2, 0), null, null))
        .consumer("team-b", TEAM_B_KEY)
        .build());

    assertThat(client.chat(chatBody("chat"), bearer(TEAM_A_KEY)).statusCode()).isEqualTo(200);
    assertThat(client.chat(chatBody("chat"), bearer(TEAM_A_KEY)).statusCode()).isEqualTo(200);
    HttpResponse<String> third = client.chat(chatBody("chat"), bearer(TEAM_A_KEY));
    for (int i = 0; i < 5; i++) {
      assertThat(client.chat(chatBody("chat"), bearer(TEAM_B_KEY)).statusCode()).isEqualTo(200);
    }

    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(json(third.body()).at("/error/code").asText()).isEqualTo("consumer_rate_limit_exceeded");
    assertThat(third.headers().firstValue("retry-after").map(Integer::parseInt).orElseThrow()).isBetween(1, 30);
    assertThat(primary.requestCount()).isEqualTo(7);
    clock.advance(Duration.ofSeconds(30)); // half a minute refills one request of two per minute
    assertThat(client.chat(chatBody("chat"), bearer(TEAM_A_KEY)).statusCode()).isEqualTo(200);
    await().untilAsserted(() -> {
      JsonNode stats = json(admin.get("/v1/spillway/stats").body());
      assertThat(stats.at("/consumers/team-a/requests").asLong()).isEqualTo(3);
      assertThat(stats.at("/consumers/team-a/throttled").asLong()).isEqualTo(1);
      assertThat(stats.at("/consumers/team-b/requests").asLong()).isEqualTo(5);
    });
  }

  @Test
  void aRotatedKeyTakesOverWithoutARestartAndTheOldOneExpiresAfterItsGrace() throws Exception {
    String newKey = "sk-team-a-rotated-9876543210zyxwvu";
    load(twoModels().consumer("team-a", TEAM_A_KEY).build());
    assertThat(client.chat(chatBody("chat"), bearer(newKey)).statusCode()).isEqualTo(401);

    long graceEnds = clock.millis() + Duration.ofHours(1).toMillis();
    load(twoModels().consumer(new ConsumerConfig("team-a",
        List.of(ConfigBuilder.key("current", newKey, null), ConfigBuilder.key("previous", TEAM_A_KEY, graceEnds)),
        null, null, null, null, null)).build());

    assertThat(client.chat(chatBody("chat"), bearer(newKey)).statusCode()).isEqualTo(200);
    assertThat(client.chat(chatBody("chat"), bearer(TEAM_A_KEY)).statusCode()).isEqualTo(200);
    clock.advance(Duration.ofHours(1));
    HttpResponse<String> expired = client.chat(chatBody("chat"), bearer(TEAM_A_KEY));
    assertThat(expired.statusCode()).isEqualTo(401);
    assertThat(json(expired.body()).at("/error/code").asText()).isEqualTo("expired_api_key");
    assertThat(client.chat(chatBody("chat"), bearer(newKey)).statusCode()).isEqualTo(200);

    load(twoModels().consumer(new ConsumerConfig("team-a", List.of(ConfigBuilder.key("current", newKey, null)),
        null, null, null, null, null)).build());
    assertThat(json(client.chat(chatBody("chat"), bearer(TEAM_A_KEY)).body()).at("/error/code").asText())
        .isEqualTo("invalid_api_key");
  }

  @Test
  void aPolicyCanMatchOnTheConsumer() throws Exception {
    load(twoModels().consumer("team-a", TEAM_A_KEY).consumer("team-b", TEAM_B_KEY)
        .policy(ConfigBuilder.policy("team-b-cheap", 10,
            new MatchConfig(null, null, null, null, null, List.of("team-b")), List.of("cheap"), null))
        .build());

    HttpResponse<String> a = client.chat(chatBody("chat"), bearer(TEAM_A_KEY));
    HttpResponse<String> b = client.chat(chatBody("chat"), bearer(TEAM_B_KEY));

    assertThat(a.headers().firstValue("x-spillway-policy")).contains("default");
    assertThat(a.headers().firstValue("x-spillway-served-by")).contains("primary/p");
    assertThat(b.headers().firstValue("x-spillway-policy")).contains("team-b-cheap");
    assertThat(b.headers().firstValue("x-spillway-served-by")).contains("backup/b");
  }

  @Test
  void adminEndpointsAre404OnThePublicPortAndServedOnTheAdminPort() throws Exception {
    load(twoModels().consumer("team-a", TEAM_A_KEY).build());

    for (String path : List.of("/metrics", "/v1/spillway/stats", "/v1/spillway/quality")) {
      assertThat(client.get(path).statusCode()).as(path).isEqualTo(404);
      assertThat(admin.get(path).statusCode()).as(path).isEqualTo(200);
    }
    assertThat(client.get("/healthz").statusCode()).isEqualTo(200);
    assertThat(client.get("/readyz").statusCode()).isEqualTo(200);
    assertThat(admin.get("/v1/chat/completions").statusCode()).isEqualTo(404);
  }
}
