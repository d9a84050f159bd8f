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
  private static final long HEDGED_REQUEST_MS = 15_000;
  /**
   * Far beyond every bound below: the primary's answer would only come if the deadline were lost.
   * (The loopback server releases it when the test closes it.)
   */
  private static final Reply NEVER_IN_TIME = Reply.json(200, completion("late")).after(Duration.ofSeconds(60));

  @Test
  void aHangingCallEndsAtItsRequestTimeoutThoughTheHedgeDelayCameFirst() throws Exception {
    load(hedging(REQUEST_MS, m -> m.target("primary", "a")));
    primary.always(NEVER_IN_TIME);

    long started = System.nanoTime();
    HttpResponse<String> response = client.chat(chatBody("chat"));
    long tookMs = (System.nanoTime() - started) / 1_000_000;

    assertThat(response.statusCode()).as("no candidate left: the target's timeout is the answer").isEqualTo(503);
    assertThat(response.body()).contains("timeout after " + REQUEST_MS + " ms");
    // Not before the timeout; the upper bound only needs to tell "ended by the deadline" from "the
    // deadline was lost" (the 60 s answer), so it is generous for a loaded machine.
    assertThat(tookMs).as("the deadline counts from the launch and still ends the call")
        .isBetween(REQUEST_MS, 15_000L);
  }

  @Test
  void theHedgeStillRacesTheBackupAtItsDelay() throws Exception {
    // A request timeout 300 times the hedge delay: on a loaded machine the backup's answer may take
    // more than 600 ms, and then a short timeout would end the primary first and make it a failover.
    load(hedging(HEDGED_REQUEST_MS, m -> m.target("primary", "a").target("backup", "b")));
    primary.always(NEVER_IN_TIME);
    backup.always(Reply.json(200, completion("backup")));

    long started = System.nanoTime();
    HttpResponse<String> response = client.chat(chatBody("chat"));
    long tookMs = (System.nanoTime() - started) / 1_000_000;

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("backup");
    assertThat(response.headers().firstValue("x-spillway-fallback-reason").orElseThrow())
        .as("the backup raced the primary at the hedge delay, not after its timeout")
        .contains("overtaken by a hedge").doesNotContain("timeout");
    assertThat(tookMs).as("served by the hedge, before the request timeout").isLessThan(HEDGED_REQUEST_MS);
    assertThat(backup.requestCount()).isEqualTo(1);
  }

  private RouterConfig hedging(long requestMs, UnaryOperator<ConfigBuilder.ModelSpec> targets) {
    PolicyConfig policy = ConfigBuilder.withHedge(
        ConfigBuilder.policy("plain", 1, MatchConfig.ANY, List.of(), null, new TimeoutOverrides(null, null, requestMs)),
        new HedgeConfig(50L, 100));
    return ConfigBuilder.create()
        .account("primary", primary.baseUrl())
        .account("backup", backup.baseUrl())
        .model("chat", targets)
        .policy(policy)
        .build();
  }
}
