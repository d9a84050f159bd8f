package dev.spillway.proxy.server;

import static dev.spillway.proxy.testing.ProxyClient.chatBody;
import static dev.spillway.proxy.testing.ProxyClient.completion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.Reply;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A target with little traffic keeps what it learnt: minutes after its last calls its latency window
 * is empty, yet its hedge delay still says it answers in milliseconds, so a call it leaves hanging
 * is raced at once — on the built-in default policy, with no trigger to fall back on — instead of
 * waiting out the configured two-minute timeout.
 */
class ThinTrafficTest extends ProxyTestBase {

  @Test
  void aHangAfterMinutesOfSilenceIsStillHedgedOnTheTargetsTypicalLatency() throws Exception {
    primary.always(Reply.json(200, completion("from the primary")));
    backup.always(Reply.json(200, completion("from the backup")));
    load(ConfigBuilder.create() // no RoutingPolicy: the built-in default one
        .account("primary", primary.baseUrl())
        .account("backup", backup.baseUrl())
        .model("chat", m -> m.target("primary", "p").target("backup", "b"))
        .build());
    for (int i = 0; i < 30; i++) {
      assertThat(client.chat(chatBody("chat")).headers().firstValue("x-spillway-served-by")).hasValue("primary/p");
    }

    clock.advance(Duration.ofMinutes(5)); // the ten-second latency window is long empty
    primary.always(Reply.hang());
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(client.uri("/v1/chat/completions"))
        .timeout(Duration.ofSeconds(20))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(chatBody("chat"))));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-spillway-served-by")).hasValue("backup/b");
    assertThat(response.headers().firstValue("x-spillway-fallback-reason")).hasValueSatisfying(
        reason -> assertThat(reason).contains("overtaken by a hedge"));
  }
}
