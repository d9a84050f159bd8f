package dev.spillway.proxy.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.proxy.http.Json;
import dev.spillway.proxy.testing.LoopbackHttpServer;
import dev.spillway.proxy.testing.ProxyClient;
import dev.spillway.proxy.testing.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline gate against real OpenAI-compatible servers on loopback: what goes on the wire, and what comes back graded. */
class OfflineGateTest {
  private final LoopbackHttpServer incumbent = LoopbackHttpServer.start();
  private final LoopbackHttpServer candidate = LoopbackHttpServer.start();
  private final LoopbackHttpServer judge = LoopbackHttpServer.start();
  @TempDir Path folder;

  @AfterEach
  void stop() {
    incumbent.close();
    candidate.close();
    judge.close();
  }

  @Test
  void bothSidesGetTheSameRequestWithTheirOwnModelAndATooledCandidateWins() throws Exception {
    incumbent.always(Reply.json(200, ProxyClient.completion("Let me check the weather for you.")));
    candidate.always(Reply.json(200, toolCall("get_weather", "{\\\"city\\\":\\\"Paris\\\"}")));
    write("""
        apiVersion: spillway.dev/v1alpha1
        kind: EvalSet
        metadata: {name: tools}
        spec:
          cases:
            - name: weather
              tags: [tools]
              request:
                messages: [{role: user, content: "Weather in Paris?"}]
                tools: [{type: function, function: {name: get_weather, parameters: {type: object}}}]
              graders:
                - toolCall: {name: get_weather, arguments: {city: Paris}}
        """, "");

    OfflineGate.Outcome outcome = OfflineGate.run(folder, "swap", Map.of(), Duration.ofSeconds(30));

    assertThat(outcome.problems()).isEmpty();
    EvalReport report = outcome.report();
    assertThat(report.verdict().passed()).isTrue();
    assertThat(report.candidate().score()).isEqualTo(1);
    CaseResult weather = report.cases().get(0);
    assertThat(weather.lowerSide()).isEqualTo(Arm.INCUMBENT);
    assertThat(weather.incumbent().reason()).isEqualTo(Reason.WRONG_ANSWER);
    assertThat(weather.incumbent().detail()).isEqualTo("expected a call of get_weather, got no tool call");
    JsonNode sentToIncumbent = Json.MAPPER.readTree(incumbent.lastRequest().body());
    JsonNode sentToCandidate = Json.MAPPER.readTree(candidate.lastRequest().body());
    assertThat(sentToIncumbent.path("model").asText()).isEqualTo("old-model");
    assertThat(sentToCandidate.path("model").asText()).isEqualTo("new-model");
    assertThat(sentToCandidate.path("tools")).isEqualTo(sentToIncumbent.path("tools")).isNotEmpty();
    assertThat(sentToCandidate.path("messages")).isEqualTo(sentToIncumbent.path("messages"));
  }

  @Test
  void theJudgeScoresWithinItsBudgetAndAnUnjudgedGradeFailsTheGate() throws Exception {
    incumbent.always(Reply.json(200, ProxyClient.completion("Refunds within 30 days.")));
    candidate.always(Reply.json(200, ProxyClient.completion("Refunds within 30 days.")));
    judge.always(Reply.json(200, ProxyClient.completion("{\\\"score\\\": 0.8, \\\"reason\\\": \\\"terse\\\"}")));
    write("""
        apiVersion: spillway.dev/v1alpha1
        kind: EvalSet
        metadata: {name: tools}
        spec:
          judgeBudget: {maxCalls: 1}
          cases:
            - name: refund
              request: {messages: [{role: user, content: "Refunds?"}]}
              graders:
                - judge: {model: judge, rubric: "States the refund window"}
        """, "");

    EvalReport report = OfflineGate.run(folder, "swap", Map.of(), Duration.ofSeconds(30)).report();

    assertThat(judge.requestCount()).as("the budget allows one judge call").isEqualTo(1);
    assertThat(report.judgeCalls()).isEqualTo(1);
    assertThat(Json.MAPPER.readTree(judge.lastRequest().body()).path("messages").get(0).path("content").asText())
        .contains("States the refund window").contains("Refunds within 30 days.");
    SideResult judged = report.cases().get(0).incumbent().grades().get(0).judged()
        ? report.cases().get(0).incumbent() : report.cases().get(0).candidate();
    assertThat(judged.score()).isEqualTo(0.8);
    assertThat(judged.detail()).isEqualTo("judge: 0.8 — terse");
    assertThat(report.verdict().passed()).isFalse();
    assertThat(report.verdict().reasons()).anySatisfy(reason -> assertThat(reason).contains("could not be judged"));
  }

  @Test
  void theCostCeilingComparesPricedUsage() throws Exception {
    incumbent.always(Reply.json(200, ProxyClient.completion("Paris")));
    candidate.always(Reply.json(200, ProxyClient.completion("Paris")));
    write("""
        apiVersion: spillway.dev/v1alpha1
        kind: EvalSet
        metadata: {name: tools}
        spec:
          cases:
            - name: capital
              request: {messages: [{role: user, content: "Capital of France?"}]}
              graders: [{exact: Paris}]
        """, "gate: {maxCostRatio: 1.5}");

    EvalReport report = OfflineGate.run(folder, "swap", Map.of(), Duration.ofSeconds(30)).report();

    assertThat(report.candidate().costUsd()).isGreaterThan(report.incumbent().costUsd() * 1.5);
    assertThat(report.verdict().passed()).isFalse();
    assertThat(report.verdict().reasons()).singleElement().asString().startsWith("candidate cost");
  }

  private void write(String evalSet, String gate) throws Exception {
    Files.writeString(folder.resolve("resources.yaml"), """
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
        kind: ProviderAccount
        metadata: {name: judging}
        spec: {provider: openai-compatible, baseUrl: %s}
        ---
        apiVersion: spillway.dev/v1alpha1
        kind: LogicalModel
        metadata: {name: chat}
        spec:
          targets: [{account: old, model: old-model, pricing: {inputPerMTok: 1, outputPerMTok: 1}}]
        ---
        apiVersion: spillway.dev/v1alpha1
        kind: LogicalModel
        metadata: {name: judge}
        spec:
          targets: [{account: judging, model: judge-model}]
        ---
        apiVersion: spillway.dev/v1alpha1
        kind: ModelRollout
        metadata: {name: swap}
        spec:
          model: chat
          candidate: {account: new, model: new-model, pricing: {inputPerMTok: 2, outputPerMTok: 2}}
          evalSet: tools
          %s
        ---
        """.formatted(incumbent.baseUrl() + "/v1", candidate.baseUrl() + "/v1", judge.baseUrl() + "/v1", gate) + evalSet);
  }

  private static String toolCall(String name, String arguments) {
    return "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
        + "\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"t1\",\"type\":\"function\","
        + "\"function\":{\"name\":\"" + name + "\",\"arguments\":\"" + arguments + "\"}}]},\"finish_reason\":\"tool_calls\"}],"
        + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}";
  }
}
