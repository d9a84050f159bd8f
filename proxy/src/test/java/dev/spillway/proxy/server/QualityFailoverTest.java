package dev.spillway.proxy.server;

import static dev.spillway.proxy.testing.ProxyClient.chatBody;
import static dev.spillway.proxy.testing.ProxyClient.completion;
import static dev.spillway.proxy.testing.ProxyClient.streamBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.config.CapabilitySet;
import dev.spillway.config.MatchConfig;
import dev.spillway.config.QualityCheck;
import dev.spillway.config.QualityConfig;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.proxy.quality.DriftState;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.Reply;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Answers that come back 200 but bad: the call goes to the next candidate before the client sees them. */
class QualityFailoverTest extends ProxyTestBase {
  private static final String PRIMARY = "primary/gpt-4o";
  private static final CapabilitySet EVERYTHING =
      new CapabilitySet(true, true, true, true, true, CapabilitySet.DEFAULT_CONTEXT_WINDOW);
  private static final String ROLE = chunk("{\"role\":\"assistant\",\"content\":\"\"}");
  private static final String HELLO = chunk("{\"content\":\"Hello\"}");
  private static final String DONE = "data: [DONE]";

  private static String chunk(String delta) {
    return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":" + delta + "}]}";
  }

  private static String finish(String reason) {
    return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},"
        + "\"finish_reason\":\"" + reason + "\"}]}";
  }

  private void loadTwo(QualityConfig quality) {
    ConfigBuilder config = ConfigBuilder.create()
        .account("primary", primary.baseUrl(), TimeoutConfig.DEFAULTS, null)
        .account("backup", backup.baseUrl(), TimeoutConfig.DEFAULTS, null)
        .model("chat", m -> m.capabilities(EVERYTHING).target("primary", "gpt-4o").target("backup", "gpt-4o-mini"));
    if (quality != null) {
      config.policy(ConfigBuilder.withQuality(ConfigBuilder.policy("checked", 10, MatchConfig.ANY, List.of(), null), quality));
    }
    load(config.build());
  }

  private static QualityConfig checks(QualityCheck... checks) {
    return new QualityConfig(checks.length == 0 ? Set.of() : EnumSet.of(checks[0], checks), true, 20, null);
  }

  @Test
  void anEmptyAnswerFailsOverBeforeTheClientSeesIt() throws Exception {
    loadTwo(null); // the defaults check for empty output
    primary.always(Reply.json(200, completion("")));
    backup.always(Reply.json(200, completion("from backup")));

    HttpResponse<String> response = client.chat(chatBody("chat"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response.body()).at("/choices/0/message/content").asText()).isEqualTo("from backup");
    assertThat(response.headers().firstValue("x-spillway-served-by")).hasValue("backup/gpt-4o-mini");
    assertThat(response.headers().firstValue("x-spillway-fallback-reason"))
        .hasValue(PRIMARY + ": quality: empty output (stop)");
  }

  @Test
  void brokenJsonUnderJsonModeFailsOver() throws Exception {
    loadTwo(null);
    primary.always(Reply.json(200, completion("{\\\"a\\\": ")));
    backup.always(Reply.json(200, completion("{\\\"a\\\": 1}")));

    HttpResponse<String> response = client.chat(
        "{\"model\":\"chat\",\"response_format\":{\"type\":\"json_object\"},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

    assertThat(response.headers().firstValue("x-spillway-served-by")).hasValue("backup/gpt-4o-mini");
    assertThat(response.headers().firstValue("x-spillway-fallback-reason").orElseThrow())
        .contains("quality: invalid JSON under JSON mode");
  }

  @Test
  void whenEveryAnswerIsBadTheClientGetsA503NamingTheChecks() throws Exception {
    loadTwo(null);
    primary.always(Reply.json(200, completion("")));
    backup.always(Reply.json(200, completion(" ")));

    HttpResponse<String> response = client.chat(chatBody("chat"));

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(json(response.body()).at("/error/candidates/0/outcome").asText()).isEqualTo("quality: empty output (stop)");
    assertThat(json(response.body()).at("/error/candidates/1/target").asText()).isEqualTo("backup/gpt-4o-mini");
  }

  @Test
  void aPolicyWithNoChecksServesWhateverCameBack() throws Exception {
    loadTwo(checks());
    primary.always(Reply.json(200, completion("")));

    HttpResponse<String> response = client.chat(chatBody("chat"));

    assertThat(response.headers().firstValue("x-spillway-served-by")).hasValue(PRIMARY);
    assertThat(backup.requestCount()).isZero();
  }

  @Test
  void aStreamThatEndsWithoutATokenFailsOverUnseen() throws Exception {
    loadTwo(null);
    primary.always(Reply.sse(List.of(ROLE, finish("stop"), DONE)));
    backup.always(Reply.sse(List.of(ROLE, HELLO, DONE)));

    HttpResponse<String> response = client.chat(streamBody("chat"));

    assertThat(response.headers().firstValue("x-spillway-served-by")).hasValue("backup/gpt-4o-mini");
    assertThat(response.headers().firstValue("x-spillway-fallback-reason"))
        .hasValue(PRIMARY + ": quality: empty output (stop)");
    assertThat(dataLines(response.body())).hasSize(3).contains("[DONE]");
  }

  @Test
  void aStreamedRefusalIsCaughtBeforeItsFirstTokenIsReleased() throws Exception {
    loadTwo(checks(QualityCheck.EMPTY, QualityCheck.REFUSAL));
    primary.always(Reply.sse(List.of(ROLE, chunk("{\"refusal\":\"I can't\"}"), DONE)));
    backup.always(Reply.sse(List.of(ROLE, HELLO, DONE)));

    HttpResponse<String> response = client.chat(streamBody("chat"));

    assertThat(response.headers().firstValue("x-spillway-served-by")).hasValue("backup/gpt-4o-mini");
    assertThat(response.body()).doesNotContain("I can't");
    assertThat(response.headers().firstValue("x-spillway-fallback-reason")).hasValue(PRIMARY + ": quality: refusal");
  }

  @Test
  void whatAStreamShowsOnlyAtTheEndIsJudgedForDriftAfterItWasServed() throws Exception {
    loadTwo(checks(QualityCheck.EMPTY, QualityCheck.REPETITION));
    List<String> loop = new ArrayList<>(List.of(ROLE));
    for (int i = 0; i < 60; i++) {
      loop.add(chunk("{\"content\":\"and then \"}"));
    }
    loop.add(DONE);
    primary.always(Reply.sse(loop));

    HttpResponse<String> response = client.chat(streamBody("chat"));

    assertThat(response.headers().firstValue("x-spillway-served-by")).hasValue(PRIMARY);
    // Judged after [DONE] went out, so possibly just after the client has the whole body.
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      DriftState state = proxy.quality().drift().states().get(PRIMARY);
      assertThat(state).isNotNull();
      assertThat(state.lastFailure()).isEqualTo("degenerate repetition");
      assertThat(state.answers()).isEqualTo(1);
    });
  }

  @Test
  void repeatedBadAnswersRaiseDriftOnThePrimaryOnly() throws Exception {
    loadTwo(null);
    for (int i = 0; i < 25; i++) {
      primary.enqueue(Reply.json(200, completion("fine")));
    }
    primary.always(Reply.json(200, completion("")));
    backup.always(Reply.json(200, completion("fine")));

    // 25 healthy answers teach the baseline; then the primary turns bad and is demoted within a few.
    for (int i = 0; i < 35; i++) {
      assertThat(json(client.chat(chatBody("chat")).body()).at("/choices/0/message/content").asText()).isEqualTo("fine");
    }

    assertThat(proxy.qualitySignal().driftSigma(PRIMARY)).isGreaterThan(3);
    assertThat(proxy.qualitySignal().score(PRIMARY)).isLessThan(1.0);
    assertThat(primary.requestCount()).as("the demoted primary stops getting traffic").isLessThan(35);
    assertThat(proxy.qualitySignal().driftSigma("backup/gpt-4o-mini")).isZero();
    assertThat(proxy.qualitySignal().score("backup/gpt-4o-mini")).isEqualTo(1.0);
    assertThat(proxy.quality().drift().states().get(PRIMARY).reason())
        .startsWith("quality drift: ").endsWith("last: empty output (stop)");
    JsonNode status = json(admin.get("/v1/spillway/quality").body());
    assertThat(status.at("/targets/" + PRIMARY.replace("/", "~1") + "/drifting").asBoolean()).isTrue();
    assertThat(status.at("/targets/" + PRIMARY.replace("/", "~1") + "/reason").asText()).startsWith("quality drift: ");
    assertThat(status.at("/targets/backup~1gpt-4o-mini/drifting").asBoolean()).isFalse();
    String metrics = admin.get("/metrics").body();
    assertThat(metrics).contains("spillway_quality_check_failures_total{target=\"" + PRIMARY + "\"}");
    assertThat(metrics).contains("spillway_quality_drift_sigma{target=\"" + PRIMARY + "\"}");
  }

  private static List<String> dataLines(String body) {
    List<String> lines = new ArrayList<>();
    for (String line : body.split("\n")) {
      if (line.startsWith("data:")) {
        lines.add(line.substring(5).trim());
      }
    }
    return lines;
  }
}
