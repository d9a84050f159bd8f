package dev.spillway.proxy.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.compiler.ConfigCompiler;
import dev.spillway.compiler.LoadedResources;
import dev.spillway.compiler.ResourceYaml;
import dev.spillway.compiler.RolloutCompileResult;
import dev.spillway.compiler.RolloutCompiler;
import dev.spillway.compiler.RolloutStages;
import dev.spillway.compiler.SecretCatalog;
import dev.spillway.config.RouterConfig;
import dev.spillway.config.rollout.RolloutPhase;
import dev.spillway.config.rollout.RolloutStage;
import dev.spillway.proxy.http.Json;
import dev.spillway.proxy.server.ProxyOptions;
import dev.spillway.proxy.server.ProxyServer;
import dev.spillway.proxy.testing.LoopbackHttpServer;
import dev.spillway.proxy.testing.ProxyClient;
import dev.spillway.proxy.testing.Reply;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy's side of a rollout, on the wire: a canary candidate serves its share until a guard
 * is breached, then never again in that revision; a shadowed candidate answers mirrored calls that
 * never reach a client.
 */
class RolloutProxyTest {
  private static final String INCUMBENT_TEXT = "incumbent says Paris";
  private static final String CANDIDATE_TEXT = "CANDIDATE-ONLY-ANSWER";

  private final LoopbackHttpServer incumbent = LoopbackHttpServer.start();
  private final LoopbackHttpServer candidate = LoopbackHttpServer.start();
  private ProxyServer proxy;
  private ProxyClient client;
  /** On the admin port: metrics, rollouts, evals. */
  private ProxyClient admin;

  @BeforeEach
  void start() {
    incumbent.always(Reply.json(200, ProxyClient.completion(INCUMBENT_TEXT)));
    candidate.always(Reply.json(200, ProxyClient.completion(CANDIDATE_TEXT)));
    proxy = new ProxyServer(new ProxyOptions("127.0.0.1", 0, 1 << 20), ref -> Optional.empty());
    proxy.start();
    client = new ProxyClient(proxy.port());
    admin = new ProxyClient(proxy.adminPort());
  }

  @AfterEach
  void stop() {
    proxy.close();
    incumbent.close();
    candidate.close();
  }

  @Test
  void aCanaryThatStartsFailingIsRolledBackByTheProxyAndGetsNoTrafficUntilANewRevision() throws Exception {
    proxy.configSink().accept(config(RolloutPhase.CANARY, "r1", "canary: {steps: [{percent: 100, duration: 1h}],"
        + " guards: {minCalls: 3, maxErrorRateIncrease: 0.2}}"));
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> served = client.chat(ProxyClient.chatBody("chat"));
      assertThat(served.headers().firstValue("x-spillway-served-by")).contains("new/new-model");
    }

    candidate.always(Reply.json(503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}"));
    int rolledBackAfter = -1;
    for (int i = 0; i < 20 && rolledBackAfter < 0; i++) {
      HttpResponse<String> served = client.chat(ProxyClient.chatBody("chat"));
      assertThat(served.statusCode()).as("the user is served by the incumbent meanwhile").isEqualTo(200);
      assertThat(served.body()).contains(INCUMBENT_TEXT);
      if (report().path("rolledBackReason").isTextual()) {
        rolledBackAfter = i + 1;
      }
    }
    assertThat(rolledBackAfter).as("calls until the guard rolled back").isBetween(1, 5);
    assertThat(report().path("rolledBackReason").asText()).matches("error rate \\d+\\.\\d% vs incumbent 0\\.0% \\(max \\+20\\.0%\\)");

    candidate.always(Reply.json(200, ProxyClient.completion(CANDIDATE_TEXT)));
    int candidateCalls = candidate.requestCount();
    for (int i = 0; i < 20; i++) {
      HttpResponse<String> served = client.chat(ProxyClient.chatBody("chat"));
      assertThat(served.headers().firstValue("x-spillway-served-by")).contains("old/old-model");
    }
    assertThat(candidate.requestCount()).as("no call reaches a rolled-back candidate").isEqualTo(candidateCalls);

    proxy.configSink().accept(config(RolloutPhase.CANARY, "r1", "canary: {steps: [{percent: 100, duration: 2h}],"
        + " guards: {minCalls: 3, maxErrorRateIncrease: 0.2}}"));
    assertThat(client.chat(ProxyClient.chatBody("chat")).headers().firstValue("x-spillway-served-by"))
        .as("a new step of the same revision keeps the rollback").contains("old/old-model");

    proxy.configSink().accept(config(RolloutPhase.CANARY, "r2", "canary: {steps: [{percent: 100, duration: 1h}]}"));
    assertThat(client.chat(ProxyClient.chatBody("chat")).headers().firstValue("x-spillway-served-by"))
        .as("a new rollout revision starts afresh").contains("new/new-model");
  }

  @Test
  void aCanaryStepGivesTheCandidateItsShareOnly() throws Exception {
    proxy.configSink().accept(config(RolloutPhase.CANARY, "r1", "canary: {steps: [{percent: 30, duration: 1h}]}"));
    int byCandidate = 0;
    for (int i = 0; i < 200; i++) {
      if (client.chat(ProxyClient.chatBody("chat")).body().contains(CANDIDATE_TEXT)) {
        byCandidate++;
      }
    }
    // 30 % of 200 is 60; 5 standard deviations (±32) keep this from flaking on the random split.
    assertThat(byCandidate).isBetween(28, 92);
    JsonNode report = report();
    assertThat(report.path("candidateArm").path("calls").asLong()).isEqualTo(byCandidate);
    assertThat(report.path("incumbentArm").path("calls").asLong()).isEqualTo(200 - byCandidate);
    // The metric counts routing decisions; a call routed to one arm can still be served by the other
    // (a hedge on a busy machine), so it matches the split, not each served answer.
    String metrics = admin.get("/metrics").body();
    double routedToCandidate = routed(metrics, "candidate");
    assertThat(routedToCandidate).isBetween(28.0, 92.0);
    assertThat(routedToCandidate + routed(metrics, "incumbent")).isEqualTo(200.0);
  }

  private static double routed(String metrics, String arm) {
    String series = "spillway_rollout_calls_total{kind=\"canary\",outcome=\"routed\",spillway_rollout=\"swap\","
        + "spillway_rollout_arm=\"" + arm + "\"} ";
    int at = metrics.indexOf(series);
    assertThat(at).as(series).isNotNegative();
    return Double.parseDouble(metrics.substring(at + series.length()).split("\\s")[0]);
  }

  @Test
  void shadowAnswersNeverReachTheClientAndAreCompared() throws Exception {
    proxy.configSink().accept(config(RolloutPhase.SHADOWING, "r1", "shadow: {percent: 100, duration: 1h}"));

    for (int i = 0; i < 10; i++) {
      HttpResponse<String> served = client.chat(ProxyClient.chatBody("chat"));
      assertThat(served.body()).contains(INCUMBENT_TEXT).doesNotContain(CANDIDATE_TEXT);
      assertThat(served.headers().firstValue("x-spillway-served-by")).contains("old/old-model");
    }
    incumbent.enqueue(Reply.sse(List.of(
        "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
            + "\"delta\":{\"role\":\"assistant\",\"content\":\"" + INCUMBENT_TEXT + "\"},\"finish_reason\":null}]}",
        "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
            + "\"delta\":{},\"finish_reason\":\"stop\"}]}",
        "data: [DONE]")));
    HttpResponse<String> streamed = client.chat(ProxyClient.streamBody("chat"));
    assertThat(streamed.body()).contains(INCUMBENT_TEXT).doesNotContain(CANDIDATE_TEXT);

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(candidate.requestCount()).isEqualTo(11));
    JsonNode mirrored = Json.MAPPER.readTree(candidate.lastRequest().body());
    assertThat(mirrored.path("model").asText()).isEqualTo("new-model");
    assertThat(mirrored.has("stream")).as("mirrored as a plain call").isFalse();
    await().atMost(Duration.ofSeconds(10)).until(() -> report().path("candidateArm").path("calls").asLong() == 11);
    assertThat(report().path("phase").asText()).isEqualTo("Shadowing");
  }

  @Test
  void shadowSpendIsCapped() throws Exception {
    proxy.configSink().accept(config(RolloutPhase.SHADOWING, "r1", "shadow: {percent: 100, duration: 1h, maxSpendUsd: 0}"));

    for (int i = 0; i < 5; i++) {
      assertThat(client.chat(ProxyClient.chatBody("chat")).body()).contains(INCUMBENT_TEXT);
    }

    assertThat(candidate.requestCount()).isZero();
    assertThat(report().path("shadowsSkipped").asLong()).isEqualTo(5);
  }

  private JsonNode report() throws Exception {
    return Json.MAPPER.readTree(admin.get("/v1/spillway/rollouts").body()).path("rollouts").path(0);
  }

  private RouterConfig config(RolloutPhase phase, String revision, String rolloutExtra) {
    LoadedResources loaded = ResourceYaml.readString("test.yaml", """
        apiVersion: spillway.dev/v1alpha1
        kind: ProviderAccount
        metadata: {name: old}
        spec: {provider: openai-compatible, baseUrl: %s}
        ---
        apiVersion: spillway.dev/v1alpha1
        kind: ProviderAccount
        metadata: {name: new}
        spec: {provider: openai-compatible, baseUrl: %s}
        ---
        apiVersion: spillway.dev/v1alpha1
        kind: LogicalModel
        metadata: {name: chat}
        spec:
          targets: [{account: old, model: old-model}]
        ---
        apiVersion: spillway.dev/v1alpha1
        kind: EvalSet
        metadata: {name: evals}
        spec:
          cases: [{name: one, request: {messages: [{role: user, content: hi}]}, graders: [{contains: Paris}]}]
        ---
        apiVersion: spillway.dev/v1alpha1
        kind: ModelRollout
        metadata: {name: swap}
        spec:
          model: chat
          replaces: old/old-model
          candidate: {account: new, model: new-model, pricing: {inputPerMTok: 1, outputPerMTok: 1}}
          evalSet: evals
          %s
        """.formatted(incumbent.baseUrl() + "/v1", candidate.baseUrl() + "/v1", rolloutExtra));
    RouterConfig base = new ConfigCompiler().compile(loaded.toResourceSet(SecretCatalog.empty())).config();
    RolloutCompileResult rollouts = new RolloutCompiler().compile(loaded.rollouts(), base);
    assertThat(rollouts.problems()).isEmpty();
    return RolloutStages.apply(base, rollouts.rollouts(), Map.of("swap", new RolloutStage(phase, 0, revision)));
  }
}
