package dev.spillway.proxy.server;

import static dev.spillway.proxy.testing.ProxyClient.streamBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.config.CircuitBreakerConfig;
import dev.spillway.config.HedgeConfig;
import dev.spillway.config.MatchConfig;
import dev.spillway.config.PolicyConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.config.TimeoutOverrides;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.LoopbackHttpServer;
import dev.spillway.proxy.testing.Reply;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Streams hedged on the time to their first token, through the real proxy against loopback providers. */
class StreamHedgingTest extends ProxyTestBase {
  /** The primary's first token would only come long after every hedge delay and assertion here. */
  private static final Reply SLOW_PRIMARY =
      Reply.sse(List.of(chunk("primary", "{\"role\":\"assistant\",\"content\":\"\"}"),
              chunk("primary", "{\"content\":\"late\"}"), "data: [DONE]"))
          .every(Duration.ofSeconds(20));
  private static final CircuitBreakerConfig PATIENT_BREAKER =
      new CircuitBreakerConfig(1.0, 1_000, 1_000, 30_000, 10_000, 1, List.of(100));
  private static final Reply QUICK_BACKUP = stream("backup", "quick");

  private final LoopbackHttpServer third = LoopbackHttpServer.start();

  @AfterEach
  void stopThird() {
    third.close();
  }

  @Test
  void aHedgeServesTheFirstStreamToProduceATokenAndCancelsTheSlowOne() throws Exception {
    load(config(new HedgeConfig(50L, 100), TimeoutConfig.DEFAULTS));
    primary.always(SLOW_PRIMARY);
    backup.always(QUICK_BACKUP);

    HttpResponse<String> response = client.chat(streamBody("chat"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(servedBy(response)).isEqualTo("backup/b");
    assertThat(response.headers().firstValue("x-spillway-fallback-reason").orElseThrow())
        .as("the slow primary was stopped as the hedge's loser").contains("overtaken by a hedge");
    assertThat(primary.requestCount()).as("the hedged stream reached the primary").isEqualTo(1);
    assertThat(backup.requestCount()).isEqualTo(1);
    assertThat(response.body()).as("only the winner's bytes, its preamble included")
        .doesNotContain("\"id\":\"primary\"").contains("\"id\":\"backup\"").contains("quick").endsWith("data: [DONE]\n\n");
  }

  @Test
  void noHedgeWhenTheFirstTokenComesWithinTheDelay() throws Exception {
    load(config(new HedgeConfig(5_000L, 100), TimeoutConfig.DEFAULTS));
    primary.always(stream("primary", "at once"));
    backup.always(QUICK_BACKUP);

    HttpResponse<String> response = client.chat(streamBody("chat"));

    assertThat(servedBy(response)).isEqualTo("primary/a");
    assertThat(response.body()).contains("at once").endsWith("data: [DONE]\n\n");
    assertThat(backup.requestCount()).isZero();
  }

  @Test
  void theHedgeBudgetCapsStreamHedges() throws Exception {
    // A 1 % budget: the burst of 10 hedges, then none; an unhedged stream waits for its first-token
    // deadline. Each lost hedge is a strike against the primary's breaker: this one never trips.
    // The deadline is 100 hedge delays: each hedged backup's first token must come before it, which
    // on a loaded machine can take over a second.
    load(config(new HedgeConfig(50L, 1), new TimeoutConfig(2_000, 5_000, 30_000), PATIENT_BREAKER));
    primary.always(Reply.hang());
    backup.always(QUICK_BACKUP);

    for (int i = 0; i < 10; i++) {
      HttpResponse<String> hedged = client.chat(streamBody("chat"));
      assertThat(servedBy(hedged)).isEqualTo("backup/b");
      assertThat(hedged.headers().firstValue("x-spillway-fallback-reason").orElseThrow()).contains("overtaken by a hedge");
    }
    HttpResponse<String> unhedged = client.chat(streamBody("chat"));

    assertThat(servedBy(unhedged)).isEqualTo("backup/b");
    assertThat(unhedged.headers().firstValue("x-spillway-fallback-reason").orElseThrow()).contains("first token timeout");
    assertThat(primary.requestCount()).isEqualTo(11);
  }

  @Test
  void whenTheHedgedAndTheHedgeBothFailTheNextCandidateServes() throws Exception {
    load(config(new HedgeConfig(50L, 100), TimeoutConfig.DEFAULTS));
    // The hedge fails first, the hedged stream keeps going until it fails too.
    primary.always(Reply.json(503, "{\"error\":{\"message\":\"busy\"}}").after(Duration.ofSeconds(1)));
    backup.always(Reply.json(503, "{\"error\":{\"message\":\"busy too\"}}"));
    third.always(stream("third", "third time lucky"));

    HttpResponse<String> response = client.chat(streamBody("chat"));

    assertThat(servedBy(response)).isEqualTo("third/c");
    assertThat(response.body()).contains("third time lucky").endsWith("data: [DONE]\n\n");
    assertThat(List.of(primary.requestCount(), backup.requestCount(), third.requestCount())).containsExactly(1, 1, 1);
    assertThat(response.headers().firstValue("x-spillway-fallback-reason").orElseThrow())
        .contains("primary/a: http 503").contains("backup/b: http 503");
  }

  private static Reply stream(String id, String content) {
    return Reply.sse(List.of(chunk(id, "{\"role\":\"assistant\",\"content\":\"\"}"),
        chunk(id, "{\"content\":\"" + content + "\"}"), "data: [DONE]"));
  }

  private static String chunk(String id, String delta) {
    return "data: {\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":" + delta + "}]}";
  }

  private RouterConfig config(HedgeConfig hedge, TimeoutConfig timeouts) {
    return config(hedge, timeouts, null);
  }

  private RouterConfig config(HedgeConfig hedge, TimeoutConfig timeouts, CircuitBreakerConfig breaker) {
    PolicyConfig policy = new PolicyConfig("hedged", 10, MatchConfig.ANY, List.of(), null, 0, TimeoutOverrides.NONE,
        null, breaker, null, hedge, null, null, null);
    return ConfigBuilder.create()
        .account("primary", primary.baseUrl(), timeouts, null)
        .account("backup", backup.baseUrl())
        .account("third", third.baseUrl())
        .model("chat", m -> m.target("primary", "a").target("backup", "b").target("third", "c"))
        .policy(policy)
        .build();
  }

  private static String servedBy(HttpResponse<String> response) {
    return response.headers().firstValue("x-spillway-served-by").orElse("none: " + response.statusCode());
  }
}
