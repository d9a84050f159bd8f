package dev.spillway.proxy.server;

import static dev.spillway.proxy.testing.ProxyClient.chatBody;
import static dev.spillway.proxy.testing.ProxyClient.completion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.config.HedgeConfig;
import dev.spillway.config.MatchConfig;
import dev.spillway.config.PolicyConfig;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.Reply;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A caller's deadline ({@code x-spillway-timeout}, or the OpenAI SDKs' {@code x-stainless-timeout}) bounds the whole chain. */
class CallerDeadlineTest extends ProxyTestBase {

  @BeforeEach
  void slowPrimary() {
    PolicyConfig noHedging = ConfigBuilder.withHedge(
        ConfigBuilder.policy("plain", 1, MatchConfig.ANY, List.of(), null), new HedgeConfig(null, 0));
    load(ConfigBuilder.create()
        .account("primary", primary.baseUrl())
        .account("backup", backup.baseUrl())
        .model("chat", m -> m.target("primary", "a").target("backup", "b"))
        .policy(noHedging)
        .build());
    primary.always(Reply.json(200, completion("late")).after(Duration.ofSeconds(3)));
    backup.always(Reply.json(200, completion("backup")));
  }

  @Test
  void theChainEndsAtTheCallersDeadlineWithA504() throws Exception {
    long started = System.nanoTime();
    HttpResponse<String> response = client.chat(chatBody("chat"), Map.of("x-spillway-timeout", "400ms"));
    long tookMs = (System.nanoTime() - started) / 1_000_000;

    assertThat(response.statusCode()).isEqualTo(504);
    assertThat(json(response.body()).at("/error/code").asText()).isEqualTo("deadline_exceeded");
    assertThat(response.body()).contains("primary/a").contains("timeout after");
    assertThat(tookMs).as("ended at the deadline, not the 3 s answer").isLessThan(2_500);
  }

  @Test
  void theOpenAiSdksOwnTimeoutHeaderCountsToo() throws Exception {
    HttpResponse<String> response = client.chat(chatBody("chat"), Map.of("x-stainless-timeout", "0.4"));

    assertThat(response.statusCode()).isEqualTo(504);
  }

  @Test
  void aGenerousDeadlineChangesNothing() throws Exception {
    primary.always(Reply.json(200, completion("fine")));
    HttpResponse<String> response = client.chat(chatBody("chat"), Map.of("x-spillway-timeout", "30s"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-spillway-served-by")).hasValue("primary/a");
  }

  @Test
  void aMalformedDeadlineIsA400NamingTheHeader() throws Exception {
    HttpResponse<String> response = client.chat(chatBody("chat"), Map.of("x-spillway-timeout", "soon"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response.body()).at("/error/param").asText()).isEqualTo("x-spillway-timeout");
    assertThat(json(response.body()).at("/error/code").asText()).isEqualTo("invalid_timeout");
    assertThat(primary.requestCount()).isZero();
  }
}
