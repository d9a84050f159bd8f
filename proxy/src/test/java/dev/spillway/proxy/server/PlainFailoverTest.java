package dev.spillway.proxy.server;

import static dev.spillway.proxy.testing.ProxyClient.chatBody;
import static dev.spillway.proxy.testing.ProxyClient.completion;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.config.CapabilitySet;
import dev.spillway.config.DefaultsConfig;
import dev.spillway.config.MatchConfig;
import dev.spillway.config.SecretRef;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.LoopbackHttpServer;
import dev.spillway.proxy.testing.Reply;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlainFailoverTest extends ProxyTestBase {
  private static final TimeoutConfig SHORT = new TimeoutConfig(1_000, 1_000, 1_000);

  private ConfigBuilder twoTargets(TimeoutConfig timeouts) {
    return ConfigBuilder.create()
        .account("primary", primary.baseUrl(), timeouts, null)
        .account("backup", backup.baseUrl(), timeouts, null)
        .model("chat", m -> m.defaults(new DefaultsConfig(0.2, 256, null, List.of("END")))
            .target("primary", "gpt-4o")
            .target("backup", "gpt-4o-mini"));
  }

  @Test
  void plainSuccessRewritesModelAppliesDefaultsAndSaysWhoServed() throws Exception {
    load(twoTargets(TimeoutConfig.DEFAULTS).version("cfg-7").build());
    primary.always(Reply.json(200, completion("hello")));

    HttpResponse<String> response =
        client.chat("{\"model\":\"chat\",\"temperature\":0.9,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response.body()).at("/choices/0/message/content").asText()).isEqualTo("hello");
    assertThat(response.headers().firstValue("x-spillway-served-by")).hasValue("primary/gpt-4o");
    assertThat(response.headers().firstValue("x-spillway-attempts")).hasValue("1");
    assertThat(response.headers().firstValue("x-spillway-policy")).hasValue("default");
    assertThat(response.headers().firstValue("x-spillway-config-version")).hasValue("cfg-7");
    assertThat(response.headers().firstValue("x-spillway-fallback-reason")).isEmpty();
    JsonNode upstream = json(primary.lastRequest().body());
    assertThat(primary.lastRequest().path()).isEqualTo("/v1/chat/completions");
    assertThat(upstream.get("model").asText()).isEqualTo("gpt-4o");
    assertThat(upstream.get("temperature").asDouble()).isEqualTo(0.9);
    assertThat(upstream.get("max_tokens").asInt()).isEqualTo(256);
    assertThat(upstream.get("stop").get(0).asText()).isEqualTo("END");
    assertThat(backup.requestCount()).isZero();
  }

  @Test
  void primary503FallsBackWithReason() throws Exception {
    load(twoTargets(TimeoutConfig.DEFAULTS).build());
    primary.always(Reply.json(503, "{\"error\":{\"message\":\"overloaded\"}}"));
    backup.always(Reply.json(200, completion("from backup")));

    HttpResponse<String> response = client.chat(chatBody("chat"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-spillway-served-by")).hasValue("backup/gpt-4o-mini");
    assertThat(response.headers().firstValue("x-spillway-attempts")).hasValue("2");
    assertThat(response.headers().firstValue("x-spillway-fallback-reason")).hasValue("primary/gpt-4o: http 503");
    assertThat(json(backup.lastRequest().body()).get("model").asText()).isEqualTo("gpt-4o-mini");
  }

  @Test
  void a400EveryCandidateAnswersGoesBackToTheClientAsTheFirstProviderSentIt() throws Exception {
    rejectionIsPassedThrough(400);
  }

  @Test
  void a422EveryCandidateAnswersGoesBackToTheClientAsTheFirstProviderSentIt() throws Exception {
    rejectionIsPassedThrough(422);
  }

  private void rejectionIsPassedThrough(int status) throws Exception {
    load(twoTargets(TimeoutConfig.DEFAULTS).build());
    String error = "{\"error\":{\"message\":\"bad temperature\",\"type\":\"invalid_request_error\",\"param\":\"temperature\",\"code\":null}}";
    primary.always(Reply.json(status, error));
    backup.always(Reply.json(status, "{\"error\":{\"message\":\"the backup's wording\"}}"));

    HttpResponse<String> response = client.chat(chatBody("chat"));

    assertThat(response.statusCode()).isEqualTo(status);
    // Passed through as the provider sent it, except that every error a client sees has a code.
    JsonNode expected = json(error);
    ((ObjectNode) expected.get("error")).put("code", status == 400 ? "invalid_request" : "unprocessable_request");
    assertThat(json(response.body())).isEqualTo(expected);
    assertThat(backup.requestCount()).as("another provider may accept what one rejects").isEqualTo(1);
  }

  @Test
  void rateLimitFallsBackAndRestsThePrimaryUntilRetryAfter() throws Exception {
    load(twoTargets(TimeoutConfig.DEFAULTS).build());
    primary.enqueue(Reply.json(429, "{\"error\":{\"message\":\"slow down\"}}").header("retry-after", "30"));
    primary.always(Reply.json(200, completion("primary again")));
    backup.always(Reply.json(200, completion("from backup")));

    HttpResponse<String> first = client.chat(chatBody("chat"));
    HttpResponse<String> second = client.chat(chatBody("chat"));

    assertThat(first.headers().firstValue("x-spillway-served-by")).hasValue("backup/gpt-4o-mini");
    assertThat(second.headers().firstValue("x-spillway-served-by")).hasValue("backup/gpt-4o-mini");
    assertThat(second.headers().firstValue("x-spillway-fallback-reason").orElseThrow()).contains("rate limited");
    assertThat(primary.requestCount()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(31));
    HttpResponse<String> third = client.chat(chatBody("chat"));
    assertThat(third.headers().firstValue("x-spillway-served-by")).hasValue("primary/gpt-4o");
  }

  @Test
  void everyTargetRateLimitedAnswers429WithTheShortestWait() throws Exception {
    load(twoTargets(TimeoutConfig.DEFAULTS).build());
    primary.always(Reply.json(429, "{}").header("retry-after", "20"));
    backup.always(Reply.json(429, "{}").header("retry-after", "5"));

    HttpResponse<String> response = client.chat(chatBody("chat"));

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("retry-after")).hasValue("5");
    assertThat(json(response.body()).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
  }

  @Test
  void authFailureFallsBackAndMarksTheAccountUnhealthy() throws Exception {
    load(ConfigBuilder.create()
        .account("primary", primary.baseUrl(), TimeoutConfig.DEFAULTS, new SecretRef("keys", "primary"))
        .account("backup", backup.baseUrl())
        .model("chat", m -> m.target("primary", "gpt-4o").target("backup", "gpt-4o-mini"))
        .build());
    primary.always(Reply.json(401, "{\"error\":{\"message\":\"Incorrect API key provided: sk-primary-secret-0123456789\"}}"));
    backup.always(Reply.json(200, completion("from backup")));

    HttpResponse<String> first = client.chat(chatBody("chat"));
    HttpResponse<String> second = client.chat(chatBody("chat"));

    assertThat(primary.lastRequest().header("authorization")).isEqualTo("Bearer sk-primary-secret-0123456789");
    assertThat(first.headers().firstValue("x-spillway-served-by")).hasValue("backup/gpt-4o-mini");
    assertThat(second.headers().firstValue("x-spillway-served-by")).hasValue("backup/gpt-4o-mini");
    assertThat(second.headers().firstValue("x-spillway-fallback-reason").orElseThrow()).contains("unhealthy");
    assertThat(primary.requestCount()).isEqualTo(1);
  }

  @Test
  void missingCredentialSkipsTheTarget() throws Exception {
    load(ConfigBuilder.create()
        .account("primary", primary.baseUrl(), TimeoutConfig.DEFAULTS, new SecretRef("keys", "absent"))
        .account("backup", backup.baseUrl())
        .model("chat", m -> m.target("primary", "gpt-4o").target("backup", "gpt-4o-mini"))
        .build());
    backup.always(Reply.json(200, completion("from backup")));

    HttpResponse<String> response = client.chat(chatBody("chat"));

    assertThat(response.headers().firstValue("x-spillway-fallback-reason").orElseThrow()).contains("missing credential");
    assertThat(primary.requestCount()).isZero();
  }

  @Test
  void connectionRefusedFallsBack() throws Exception {
    LoopbackHttpServer gone = LoopbackHttpServer.start();
    String closedUrl = gone.baseUrl();
    gone.close();
    load(ConfigBuilder.create()
        .account("primary", closedUrl, SHORT, null)
        .account("backup", backup.baseUrl())
        .model("chat", m -> m.target("primary", "gpt-4o").target("backup", "gpt-4o-mini"))
        .build());
    backup.always(Reply.json(200, completion("from backup")));

    HttpResponse<String> response = client.chat(chatBody("chat"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-spillway-served-by")).hasValue("backup/gpt-4o-mini");
  }

  @Test
  void hangingPrimaryTimesOutThenFallsBack() throws Exception {
    load(twoTargets(SHORT).build());
    primary.always(Reply.hang());
    backup.always(Reply.json(200, completion("from backup")));

    HttpResponse<String> response = client.chat(chatBody("chat"));

    assertThat(response.headers().firstValue("x-spillway-served-by")).hasValue("backup/gpt-4o-mini");
    assertThat(response.headers().firstValue("x-spillway-fallback-reason").orElseThrow()).contains("timeout");
  }

  @Test
  void answerSlowerThanTheTimeoutFallsBack() throws Exception {
    load(twoTargets(SHORT).build());
    primary.always(Reply.json(200, completion("too late")).after(Duration.ofSeconds(3)));
    backup.always(Reply.json(200, completion("from backup")));

    HttpResponse<String> response = client.chat(chatBody("chat"));

    assertThat(json(response.body()).at("/choices/0/message/content").asText()).isEqualTo("from backup");
  }

  @Test
  void contextLengthErrorOnlyTriesLargerWindows() throws Exception {
    LoopbackHttpServer large = LoopbackHttpServer.start();
    try {
      load(ConfigBuilder.create()
          .account("primary", primary.baseUrl())
          .account("backup", backup.baseUrl())
          .account("large", large.baseUrl())
          .model("chat", m -> m
              .target("primary", "small", new CapabilitySet(true, false, false, false, false, 8_000))
              .target("backup", "also-small", new CapabilitySet(true, false, false, false, false, 8_000))
              .target("large", "big", new CapabilitySet(true, false, false, false, false, 128_000)))
          .build());
      primary.always(Reply.json(400, "{\"error\":{\"message\":\"This model's maximum context length is 8000 tokens\",\"code\":\"context_length_exceeded\"}}"));
      large.always(Reply.json(200, completion("roomy")));

      HttpResponse<String> response = client.chat(chatBody("chat"));

      assertThat(response.headers().firstValue("x-spillway-served-by")).hasValue("large/big");
      assertThat(backup.requestCount()).isZero();
    } finally {
      large.close();
    }
  }

  @Test
  void maxFallbackDepthBoundsTheAttempts() throws Exception {
    LoopbackHttpServer third = LoopbackHttpServer.start();
    try {
      load(ConfigBuilder.create()
          .account("primary", primary.baseUrl())
          .account("backup", backup.baseUrl())
          .account("third", third.baseUrl())
          .model("chat", m -> m.target("primary", "a").target("backup", "b").target("third", "c"))
          .policy(ConfigBuilder.policy("shallow", 10, MatchConfig.ANY, List.of(), 1))
          .build());
      primary.always(Reply.json(503, "{}"));
      backup.always(Reply.json(502, "{}"));
      third.always(Reply.json(200, completion("never")));

      HttpResponse<String> response = client.chat(chatBody("chat"));

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(third.requestCount()).isZero();
      assertThat(response.headers().firstValue("x-spillway-attempts")).hasValue("2");
      assertThat(json(response.body()).at("/error/candidates/2/outcome").asText()).contains("max fallback depth");
    } finally {
      third.close();
    }
  }

  @Test
  void everythingFailingAnswers503ListingEachCandidate() throws Exception {
    load(twoTargets(TimeoutConfig.DEFAULTS).build());
    primary.always(Reply.json(500, "{}"));
    backup.always(Reply.json(503, "{}"));

    HttpResponse<String> response = client.chat(chatBody("chat"));

    assertThat(response.statusCode()).isEqualTo(503);
    JsonNode error = json(response.body()).get("error");
    assertThat(error.get("message").asText()).contains("primary/gpt-4o (http 500)").contains("backup/gpt-4o-mini (http 503)");
    assertThat(error.get("candidates")).hasSize(2);
    assertThat(error.at("/candidates/0/target").asText()).isEqualTo("primary/gpt-4o");
    assertThat(error.at("/candidates/1/outcome").asText()).isEqualTo("http 503");
  }
}
