package dev.spillway.proxy.server;

import static dev.spillway.proxy.testing.ProxyClient.chatBody;
import static dev.spillway.proxy.testing.ProxyClient.completion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.Reply;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StatsEndpointTest extends ProxyTestBase {

  @Test
  void countsPolicyOutcomesAndTargetAttemptsAsSent() throws Exception {
    load(ConfigBuilder.create().version("cfg-s")
        .account("primary", primary.baseUrl())
        .account("backup", backup.baseUrl())
        .model("chat", m -> m.target("primary", "p").target("backup", "b"))
        .build());
    primary.enqueue(Reply.json(503, "{}")).always(Reply.json(200, completion("ok")));
    backup.always(Reply.json(200, completion("from backup")));

    assertThat(client.chat(chatBody("chat")).statusCode()).isEqualTo(200); // primary 503, backup serves
    assertThat(client.chat(chatBody("chat")).statusCode()).isEqualTo(200); // primary serves
    primary.always(Reply.json(400, "{\"error\":{\"message\":\"bad\"}}"));
    backup.always(Reply.json(400, "{\"error\":{\"message\":\"bad too\"}}"));
    assertThat(client.chat(chatBody("chat")).statusCode()).isEqualTo(400); // rejected by both, not served
    assertThat(client.chat(chatBody("no-such-model")).statusCode()).isEqualTo(404);

    // Counted when each exchange completes, which may be just after the client has its answer.
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(json(admin.get("/v1/spillway/stats").body()).at("/policies/default/matched").asLong()).isEqualTo(3));
    JsonNode stats = json(admin.get("/v1/spillway/stats").body());
    assertThat(stats.get("configVersion").asText()).isEqualTo("cfg-s");
    JsonNode policy = stats.at("/policies/default");
    assertThat(policy.get("matched").asLong()).isEqualTo(3);
    assertThat(policy.get("succeeded").asLong()).isEqualTo(2);
    assertThat(policy.get("failed").asLong()).isEqualTo(1);
    JsonNode primaryTarget = stats.at("/targets/primary~1p");
    assertThat(primaryTarget.get("account").asText()).isEqualTo("primary");
    assertThat(primaryTarget.get("calls").asLong()).isEqualTo(3);
    assertThat(primaryTarget.get("errors").asLong()).isEqualTo(2);
    assertThat(stats.at("/targets/backup~1b/calls").asLong()).isEqualTo(2);
    assertThat(stats.at("/targets/backup~1b/errors").asLong()).isEqualTo(1);
  }

  @Test
  void answersBeforeAnyConfigWithNoVersionAndNoCounts() throws Exception {
    JsonNode stats = json(admin.get("/v1/spillway/stats").body());

    assertThat(stats.get("configVersion").isNull()).isTrue();
    assertThat(stats.get("policies").size()).isZero();
    assertThat(stats.get("targets").size()).isZero();
  }
}
