package dev.spillway.proxy.server;

import static dev.spillway.proxy.testing.ProxyClient.chatBody;
import static dev.spillway.proxy.testing.ProxyClient.completion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.config.HedgeConfig;
import dev.spillway.config.MatchConfig;
import dev.spillway.config.PolicyConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.config.TimeoutOverrides;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.Reply;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A leg's commit deadline is armed only once its hedge delay has passed (one timer a call while
 * both are pending): the deadline still ends a hanging call on time, counted from the launch, and
 * the hedge still races the backup at its delay.
 */
class HedgeThenDeadlineTest extends ProxyTestBase {
  private static final long REQUEST_MS = 600;

  @Test
  void aHangingCallEndsAtItsRequestTimeoutThoughTheHedgeDelayCameFirst() throws Exception {
    load(hedging(m -> m.target("primary", "a")));
    primary.always(Reply.json(200, completion("late")).after(Duration.ofSeconds(4)));

    long started = System.nanoTime();
    HttpResponse<String> response = client.chat(chatBody("chat"));
    long tookMs = (System.nanoTime() - started) / 1_000_000;

    assertThat(response.statusCode()).as("no candidate left: the target's timeout is the answer").isEqualTo(503);
    assertThat(response.body()).contains("timeout after " + REQUEST_MS + " ms");
    assertThat(tookMs).as("the deadline counts from the launch, not from the hedge delay")
        .isBetween(REQUEST_MS, 3_000L);
  }

  @Test
  void theHedgeStillRacesTheBackupAtItsDelay() throws Exception {
    load(hedging(m -> m.target("primary", "a").target("backup", "b")));
    primary.always(Reply.json(200, completion("late")).after(Duration.ofSeconds(4)));
    backup.always(Reply.json(200, completion("backup")));

    long started = System.nanoTime();
    HttpResponse<String> response = client.chat(chatBody("chat"));
    long tookMs = (System.nanoTime() - started) / 1_000_000;

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("backup");
    assertThat(tookMs).as("served by the hedge, before the request timeout").isLessThan(REQUEST_MS);
    assertThat(backup.requestCount()).isEqualTo(1);
  }

  private RouterConfig hedging(UnaryOperator<ConfigBuilder.ModelSpec> targets) {
    PolicyConfig policy = ConfigBuilder.withHedge(
        ConfigBuilder.policy("plain", 1, MatchConfig.ANY, List.of(), null, new TimeoutOverrides(null, null, REQUEST_MS)),
        new HedgeConfig(50L, 100));
    return ConfigBuilder.create()
        .account("primary", primary.baseUrl())
        .account("backup", backup.baseUrl())
        .model("chat", targets)
        .policy(policy)
        .build();
  }
}
