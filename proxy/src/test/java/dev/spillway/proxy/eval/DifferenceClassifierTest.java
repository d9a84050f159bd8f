package dev.spillway.proxy.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.config.rollout.EvalCaseConfig;
import dev.spillway.config.rollout.GraderConfig;
import dev.spillway.config.rollout.GraderConfig.Check;
import dev.spillway.config.rollout.GraderConfig.Exact;
import dev.spillway.config.rollout.GraderConfig.JsonPathEquals;
import dev.spillway.config.rollout.GraderConfig.JsonValid;
import dev.spillway.config.rollout.GraderConfig.MaxLatency;
import dev.spillway.proxy.http.Json;
import dev.spillway.proxy.quality.ChatAnswer;
import dev.spillway.proxy.quality.ChatChecks;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Wrong answers told apart from harness mismatches, answer by answer. */
class DifferenceClassifierTest {
  private final CheckGrader grader = new CheckGrader(Json.MAPPER);
  private final DifferenceClassifier classifier = new DifferenceClassifier(grader, new ChatChecks(Json.MAPPER));
  private static final Check QUANTITY = new JsonPathEquals("$.quantity", "/quantity", Json.MAPPER.getNodeFactory().numberNode(3));

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "```json\\n{\"quantity\": 3}\\n```   | codeFence",
      "```\\n{\"quantity\": 3}\\n```       | codeFence",
      "{\"quantity\": 4}                   | wrongAnswer",
      "```json\\n{\"quantity\": 4}\\n```   | wrongAnswer",
      "\"{\\\"quantity\\\": 3}\"           | escaping",
  })
  void jsonAnswers(String text, String reason) {
    assertThat(classify(List.of(new JsonValid(), QUANTITY), ChatAnswerFixtures.stop(text.replace("\\n", "\n")))).isEqualTo(reason);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Lyon                           | wrongAnswer",
      "paris.                         | whitespaceOrCase",
      "  Paris!                       | whitespaceOrCase",
      "I'm sorry, but I can't help with that. | refusal",
      "Par                            | wrongAnswer",
  })
  void textAnswers(String text, String reason) {
    assertThat(classify(List.of(new Exact("Paris", false)), ChatAnswerFixtures.stop(text))).isEqualTo(reason);
  }

  @Test
  void escapedQuotesAndEntities() {
    List<Check> motto = List.of(new Exact("He said \"ship it\" & left", false));
    assertThat(classify(motto, ChatAnswerFixtures.stop("He said \\\"ship it\\\" & left"))).isEqualTo("escaping");
    assertThat(classify(motto, ChatAnswerFixtures.stop("He said &quot;ship it&quot; &amp; left"))).isEqualTo("escaping");
  }

  @Test
  void lengthCutRefusalFieldEmptyAndSlow() {
    List<Check> json = List.of(new JsonValid());
    assertThat(classify(json, new ChatAnswer("{\"quantity\": ", "length", null, List.of()))).isEqualTo("lengthCut");
    assertThat(classify(json, new ChatAnswer("", "stop", "I cannot do that", List.of()))).isEqualTo("refusal");
    assertThat(classify(json, new ChatAnswer("", "stop", null, List.of()))).isEqualTo("empty");
    EvalCaseConfig slowCase = evalCase(List.of(new Exact("Paris", false), new MaxLatency(10)));
    EvalAnswer slow = new EvalAnswer(ChatAnswerFixtures.stop("Paris"), 50, 0, null);
    assertThat(classifier.classify(slowCase, slow, grades(slowCase, slow)).wireName()).isEqualTo("tooSlow");
  }

  @Test
  void failedCallsAndUnjudgedGrades() {
    EvalCaseConfig evalCase = evalCase(List.of(new Exact("Paris", false)));
    EvalAnswer failed = EvalAnswer.failed(3, "http 503");
    assertThat(classifier.classify(evalCase, failed, grades(evalCase, failed))).isEqualTo(Reason.CALL_FAILED);
    EvalAnswer ok = new EvalAnswer(ChatAnswerFixtures.stop("Paris"), 3, 0, null);
    assertThat(classifier.classify(evalCase, ok, List.of(Grade.unjudged("judge budget of 1 calls spent"))))
        .isEqualTo(Reason.UNJUDGED);
  }

  @Test
  void harnessClassesAreMarkedAsSuch() {
    assertThat(Reason.CODE_FENCE.harness()).isTrue();
    assertThat(Reason.REFUSAL.harness()).isTrue();
    assertThat(Reason.LENGTH_CUT.harness()).isTrue();
    assertThat(Reason.WRONG_ANSWER.harness()).isFalse();
    assertThat(Reason.CALL_FAILED.harness()).isFalse();
  }

  private String classify(List<Check> checks, ChatAnswer answer) {
    EvalCaseConfig evalCase = evalCase(checks);
    EvalAnswer side = new EvalAnswer(answer, 5, 0, null);
    return classifier.classify(evalCase, side, grades(evalCase, side)).wireName();
  }

  private List<Grade> grades(EvalCaseConfig evalCase, EvalAnswer side) {
    return evalCase.graders().stream().map(g -> grader.grade(g.check(), side)).toList();
  }

  private static EvalCaseConfig evalCase(List<Check> checks) {
    var request = Json.MAPPER.createObjectNode();
    request.putArray("messages").addObject().put("role", "user").put("content", "q");
    return new EvalCaseConfig("c", 1, List.of(), request, checks.stream().map(c -> new GraderConfig(c, 1)).toList());
  }

  /** Answers that ended normally. */
  static final class ChatAnswerFixtures {
    static ChatAnswer stop(String text) {
      return new ChatAnswer(text, "stop", null, List.of());
    }
  }
}
