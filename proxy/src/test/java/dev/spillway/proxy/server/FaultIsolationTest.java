package dev.spillway.proxy.server;

import static dev.spillway.proxy.testing.ProxyClient.chatBody;
import static dev.spillway.proxy.testing.ProxyClient.completion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.config.CapabilitySet;
import dev.spillway.config.HedgeConfig;
import dev.spillway.config.MatchConfig;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.proxy.resilience.TargetStatsView;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.Reply;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A client cannot open a circuit for everyone (the hardening issue's finding 3, as worded): forty
 * JSON-mode requests whose prompts make the model answer in prose fail the JSON check on every
 * target, but that failure is the request's, so no breaker opens, no target is demoted, and the
 * ordinary calls that follow are served by the primary as before. Image requests with a nonsense
 * size are the client's mistake too: refused before any target is asked; speech that repeats the
 * same clip for different texts fails those calls over but opens no circuit.
 */
class FaultIsolationTest extends ProxyTestBase {
  private static final String PRIMARY = "primary/gpt-4o";
  private static final CapabilitySet JSON_CAPABLE =
      new CapabilitySet(true, true, true, true, true, CapabilitySet.DEFAULT_CONTEXT_WINDOW);
  private static final String JSON_MODE_PROMPT =
      "{\"model\":\"chat\",\"response_format\":{\"type\":\"json_object\"},"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a story, no JSON please\"}]}";

  @Test
  void fortyJsonModeCallsAnsweredInProseNeverOpenACircuitForOrdinaryCalls() throws Exception {
    primary.always(Reply.json(200, completion("Once upon a time there was a story, told in prose.")));
    backup.always(Reply.json(200, completion("Another story, also in prose.")));
    loadTwo();

    for (int i = 0; i < 40; i++) {
      HttpResponse<String> refused = client.chat(JSON_MODE_PROMPT);
      assertThat(refused.statusCode()).as("the request's own constraint failed: its caller hears of it").isNotEqualTo(200);
      assertThat(refused.body()).contains("JSON");
    }

    assertThat(circuit(PRIMARY)).isEqualTo("CLOSED");
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> ordinary = client.chat(chatBody("chat"));
      assertThat(ordinary.statusCode()).isEqualTo(200);
      assertThat(ordinary.headers().firstValue("x-spillway-served-by")).hasValue(PRIMARY);
    }
    assertThat(proxy.quality().drift().drifting(PRIMARY)).as("no drift from the request's failures").isFalse();
  }

  @Test
  void imageRequestsWithANonsenseSizeAreRefusedBeforeAnyTargetIsAsked() throws Exception {
    primary.always(Reply.json(200, completion("fine")));
    backup.always(Reply.json(200, completion("fine")));
    loadTwo();

    for (int i = 0; i < 20; i++) {
      HttpResponse<String> refused = client.send(java.net.http.HttpRequest.newBuilder(client.uri("/v1/images/generations"))
          .header("content-type", "application/json")
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
              "{\"model\":\"chat\",\"prompt\":\"a cat\",\"size\":\"abc\"}")));
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body()).contains("size");
    }

    assertThat(primary.requestCount()).as("no target was asked").isZero();
    assertThat(backup.requestCount()).isZero();
    assertThat(circuit(PRIMARY)).isEqualTo("CLOSED");
    HttpResponse<String> ordinary = client.chat(chatBody("chat"));
    assertThat(ordinary.headers().firstValue("x-spillway-served-by")).hasValue(PRIMARY);
  }

  @Test
  void speechThatRepeatsItselfForDifferentTextsDoesNotTakeTheTargetDown() throws Exception {
    byte[] sameClip = dev.spillway.proxy.testing.MediaSamples.speechWav(2.8, 1);
    primary.answering(request -> request.path().endsWith("/audio/speech")
        ? Reply.bytes(200, "audio/wav", sameClip) : Reply.json(200, completion("fine")));
    java.util.concurrent.atomic.AtomicLong seed = new java.util.concurrent.atomic.AtomicLong(100);
    backup.answering(request -> Reply.bytes(200, "audio/wav",
        dev.spillway.proxy.testing.MediaSamples.speechWav(2.8, seed.incrementAndGet())));
    loadTwo();

    for (int i = 0; i < 20; i++) {
      String text = "Sentence number " + i + " is read aloud by the voice.";
      HttpResponse<String> speech = client.send(java.net.http.HttpRequest.newBuilder(client.uri("/v1/audio/speech"))
          .header("content-type", "application/json")
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"model\":\"chat\",\"voice\":\"alloy\","
              + "\"response_format\":\"wav\",\"input\":\"" + text + "\"}")));
      assertThat(speech.statusCode()).isEqualTo(200);
    }

    assertThat(backup.requestCount()).as("the repeated clips were caught and failed over").isGreaterThanOrEqualTo(10);
    assertThat(circuit(PRIMARY)).isEqualTo("CLOSED");
    HttpResponse<String> ordinary = client.chat(chatBody("chat"));
    assertThat(ordinary.headers().firstValue("x-spillway-served-by")).hasValue(PRIMARY);
  }

  @Test
  void aRequestOneProviderRejectsIsServedByTheNextWithoutCountingAgainstTheFirst() throws Exception {
    // A 400 the proxy's own validation did not foresee: a parameter this provider does not take, or an
    // account-level refusal (Anthropic answers an exhausted credit balance with a 400).
    primary.always(Reply.json(400, "{\"error\":{\"message\":\"Your credit balance is too low\","
        + "\"type\":\"invalid_request_error\"}}"));
    backup.always(Reply.json(200, completion("fine from the backup")));
    loadTwo();

    for (int i = 0; i < 30; i++) {
      HttpResponse<String> served = client.chat(chatBody("chat"));
      assertThat(served.statusCode()).isEqualTo(200);
      assertThat(served.headers().firstValue("x-spillway-served-by")).hasValue("backup/gpt-4o-mini");
      assertThat(served.headers().firstValue("x-spillway-attempts")).hasValue("2");
    }
    assertThat(circuit(PRIMARY)).as("a rejection is not an outage").isEqualTo("CLOSED");
    assertThat(primary.requestCount()).as("still asked first: nothing demoted it").isEqualTo(30);
  }

  @Test
  void whenEveryCandidateRejectsTheRequestTheFirstRejectionIsTheAnswer() throws Exception {
    primary.always(Reply.json(400, "{\"error\":{\"message\":\"Unsupported parameter: 'logit_bias'\","
        + "\"type\":\"invalid_request_error\",\"param\":\"logit_bias\",\"code\":\"unsupported_parameter\"}}"));
    backup.always(Reply.json(422, "{\"error\":{\"message\":\"logit_bias is not supported\"}}"));
    loadTwo();

    HttpResponse<String> refused = client.chat(chatBody("chat"));

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("Unsupported parameter: 'logit_bias'").contains("\"param\":\"logit_bias\"");
    assertThat(backup.requestCount()).as("the next candidate was asked before giving up").isEqualTo(1);
    assertThat(circuit(PRIMARY)).isEqualTo("CLOSED");
  }

  @Test
  void aRejectionNextToAnOutageIsReportedAsTheOutage() throws Exception {
    primary.always(Reply.json(400, "{\"error\":{\"message\":\"bad parameter\"}}"));
    backup.always(Reply.json(503, "{\"error\":{\"message\":\"overloaded\"}}"));
    loadTwo();

    HttpResponse<String> failed = client.chat(chatBody("chat"));

    assertThat(failed.statusCode()).as("not every candidate blamed the request").isEqualTo(503);
    assertThat(failed.body()).contains("400").contains("503");
  }

  /** Two targets of one logical model, hedging off so who serves is never a race on a busy machine. */
  private void loadTwo() {
    load(ConfigBuilder.create()
        .policy(ConfigBuilder.withHedge(ConfigBuilder.policy("defaults", 10, MatchConfig.ANY, List.of(), null),
            new HedgeConfig(null, 0)))
        .account("primary", primary.baseUrl(), TimeoutConfig.DEFAULTS, null)
        .account("backup", backup.baseUrl(), TimeoutConfig.DEFAULTS, null)
        .model("chat", m -> m.capabilities(JSON_CAPABLE).target("primary", "gpt-4o").target("backup", "gpt-4o-mini"))
        .build());
  }

  private String circuit(String targetId) {
    return proxy.engine().orElseThrow().stats().stream()
        .filter(v -> v.target().equals(targetId))
        .map(TargetStatsView::circuit)
        .findFirst()
        .orElseThrow();
  }
}
