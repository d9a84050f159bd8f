package dev.spillway.proxy.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.config.QualityCheck;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChatChecksTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<QualityCheck> ALL = EnumSet.allOf(QualityCheck.class);
  private final ChatChecks checks = new ChatChecks(MAPPER);

  private static JsonNode json(String text) throws Exception {
    return MAPPER.readTree(text);
  }

  private static RequestExpectations request(String extra) throws Exception {
    return RequestExpectations.of(
        json("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Tell me about the weather today\"}]"
            + extra + "}"));
  }

  private static ChatAnswer text(String text, String finish) {
    return new ChatAnswer(text, finish, null, List.of());
  }

  private Optional<String> check(ChatAnswer answer, RequestExpectations expected) {
    return checks.failure(answer, expected, ALL).map(CheckFailure::reason);
  }

  @Test
  void aGoodAnswerPassesEveryCheck() throws Exception {
    assertThat(check(text("It is sunny and warm, with a light breeze.", "stop"), request(""))).isEmpty();
  }

  @Test
  void emptyAndWhitespaceOnlyAnswersFail() throws Exception {
    assertThat(check(text("", "stop"), request(""))).hasValue("empty output (stop)");
    assertThat(check(text("  \n ", null), request(""))).hasValue("empty output");
  }

  @Test
  void aToolCallAloneIsOutput() throws Exception {
    ChatAnswer call = new ChatAnswer("", "tool_calls", null, List.of(new ChatAnswer.ToolCall("f", "{}")));
    assertThat(check(call, request(""))).isEmpty();
  }

  @Test
  void lengthEndingFailsOnlyWhenTheCallerDidNotBoundTheLength() throws Exception {
    assertThat(check(text("It is sunny and", "length"), request(""))).hasValue("truncated (finish_reason length)");
    assertThat(check(text("It is sunny and", "length"), request(",\"max_tokens\":4"))).isEmpty();
  }

  @Test
  void refusalsAndContentFiltersFail() throws Exception {
    assertThat(check(text("I'm sorry, but I can't help with that.", "stop"), request(""))).hasValue("refusal");
    assertThat(check(text("", "content_filter"), request(""))).hasValue("empty output (content_filter)");
    assertThat(check(text("Partial", "content_filter"), request(""))).hasValue("content filter");
    assertThat(check(new ChatAnswer("", "stop", "I cannot do that", List.of()), request(""))).hasValue("refusal");
    // An apology that goes on to answer is not a refusal.
    assertThat(check(text("Sorry for the wait: it is sunny today.", "stop"), request(""))).isEmpty();
  }

  @Test
  void jsonModeNeedsOneJsonDocument() throws Exception {
    RequestExpectations jsonMode = request(",\"response_format\":{\"type\":\"json_object\"}");
    assertThat(check(text("{\"weather\":\"sunny\"}", "stop"), jsonMode)).isEmpty();
    assertThat(check(text("{\"weather\":\"sun", "stop"), jsonMode)).hasValue("invalid JSON under JSON mode");
    assertThat(check(text("{\"weather\":\"sunny\"} and more", "stop"), jsonMode)).hasValue("invalid JSON under JSON mode");
    assertThat(check(text("Sure! Here it is", "stop"), request(""))).isEmpty();
  }

  @Test
  void structuredOutputsMustMatchTheSchema() throws Exception {
    RequestExpectations structured = request(",\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"w\","
        + "\"schema\":{\"type\":\"object\",\"properties\":{\"celsius\":{\"type\":\"number\"}},\"required\":[\"celsius\"]}}}");
    assertThat(check(text("{\"celsius\":21.5}", "stop"), structured)).isEmpty();
    assertThat(check(text("{\"celsius\":\"warm\"}", "stop"), structured)).get().asString().startsWith("schema violation");
    assertThat(check(text("{}", "stop"), structured)).get().asString().contains("celsius");
  }

  @Test
  void toolArgumentsMustBeJsonMatchingTheToolParameters() throws Exception {
    RequestExpectations tools = request(",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"lookup\","
        + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}}]");
    assertThat(check(call("lookup", "{\"city\":\"Oslo\"}"), tools)).isEmpty();
    assertThat(check(call("lookup", "{\"city\":"), tools)).hasValue("tool call lookup: arguments are not a JSON object");
    assertThat(check(call("lookup", "{\"town\":\"Oslo\"}"), tools)).get().asString().startsWith("tool call lookup:").contains("city");
    assertThat(check(call("unknown", "{\"any\":1}"), tools)).isEmpty();
  }

  private static ChatAnswer call(String name, String arguments) {
    return new ChatAnswer("", "tool_calls", null, List.of(new ChatAnswer.ToolCall(name, arguments)));
  }

  @Test
  void answersInAnotherWritingSystemThanThePromptFail() throws Exception {
    RequestExpectations russian = RequestExpectations.of(
        json("{\"messages\":[{\"role\":\"user\",\"content\":\"Какая сегодня погода в Москве?\"}]}"));
    assertThat(check(text("Сегодня в Москве солнечно и тепло.", "stop"), russian)).isEmpty();
    assertThat(check(text("今日はモスクワは晴れで暖かいです。とても良い天気です。", "stop"), russian))
        .hasValue("wrong script (prompt in cyrillic)");
    RequestExpectations japanese = RequestExpectations.of(
        json("{\"messages\":[{\"role\":\"user\",\"content\":\"今日の東京の天気はどうですか？教えてください\"}]}"));
    assertThat(check(text("今日の東京は晴れです。カタカナもひらがなも漢字も同じ家族です。", "stop"), japanese)).isEmpty();
    // Short answers and code say too little about their script to judge.
    assertThat(check(text("OK 42", "stop"), russian)).isEmpty();
  }

  @Test
  void expectationsReadForTheEnabledChecksJudgeAsTheFullOnes() throws Exception {
    JsonNode request = json("{\"messages\":[{\"role\":\"user\",\"content\":\"Какая сегодня погода в Москве?\"}],"
        + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{\"type\":\"object\","
        + "\"required\":[\"city\"]}}}]}");
    ChatAnswer wrongScript = text("今日はモスクワは晴れで暖かいです。とても良い天気です。", "stop");
    ChatAnswer badArguments = new ChatAnswer("", "tool_calls", null, List.of(new ChatAnswer.ToolCall("f", "{}")));
    for (Set<QualityCheck> enabled : List.of(
        EnumSet.of(QualityCheck.SCRIPT), EnumSet.of(QualityCheck.TOOL_ARGUMENTS), EnumSet.of(QualityCheck.EMPTY))) {
      RequestExpectations some = RequestExpectations.of(request, enabled);
      RequestExpectations full = RequestExpectations.of(request);
      for (ChatAnswer answer : List.of(wrongScript, badArguments)) {
        assertThat(checks.failure(answer, some, enabled).map(CheckFailure::reason)).isEqualTo(checks.failure(answer, full, enabled).map(CheckFailure::reason));
      }
    }
    assertThat(checks.failure(wrongScript, RequestExpectations.of(request, EnumSet.of(QualityCheck.SCRIPT)),
        EnumSet.of(QualityCheck.SCRIPT)).map(CheckFailure::reason)).isPresent();
    assertThat(checks.failure(badArguments, RequestExpectations.of(request, EnumSet.of(QualityCheck.TOOL_ARGUMENTS)),
        EnumSet.of(QualityCheck.TOOL_ARGUMENTS)).map(CheckFailure::reason)).isPresent();
  }

  @Test
  void degenerateLoopsFail() throws Exception {
    assertThat(check(text("The weather is fine. " + "and then ".repeat(60), "stop"), request("")))
        .hasValue("degenerate repetition");
    assertThat(check(text("ha".repeat(200), "stop"), request(""))).hasValue("degenerate repetition");
    StringBuilder varied = new StringBuilder();
    for (int i = 0; i < 80; i++) {
      varied.append("On day ").append(i).append(" the forecast said something new about rain. ");
    }
    assertThat(check(text(varied.toString(), "stop"), request(""))).isEmpty();
  }

  @Test
  void onlyTheConfiguredChecksRun() throws Exception {
    assertThat(checks.failure(text("", "stop"), request(""), Set.of(QualityCheck.JSON)).map(CheckFailure::reason)).isEmpty();
  }

  @Test
  void aStreamPrefixFailsOnNothingOrARefusalOnly() throws Exception {
    assertThat(checks.prefixFailure(text("", "stop"), ALL).map(CheckFailure::reason)).hasValue("empty output (stop)");
    assertThat(checks.prefixFailure(new ChatAnswer("", null, "No.", List.of()), ALL).map(CheckFailure::reason))
        .hasValue("refusal");
    assertThat(checks.prefixFailure(text("Hel", null), ALL)).isEmpty();
  }

  @Test
  void aShortAnswerThatIsOneWordRepeatedIsDegenerate() throws Exception {
    String sixteen = String.join(" ", java.util.Collections.nCopies(16, "banana"));
    assertThat(check(text(sixteen, "stop"), request(""))).hasValue("degenerate repetition");
    assertThat(check(text("Sure! " + String.join(", ", java.util.Collections.nCopies(12, "Yes")) + ".", "stop"),
        request(""))).as("punctuation and case do not hide the loop").hasValue("degenerate repetition");
    assertThat(check(text("ha ha ha, that is a good one. Thanks for the joke!", "stop"), request("")))
        .as("a laugh is an answer").isEmpty();
    assertThat(check(text("No, no, no: the meeting is on Tuesday, not Monday.", "stop"), request(""))).isEmpty();
  }

  @Test
  void aStreamOpeningIsHeldUntilItCanBeJudgedAndALoopFailsIt() throws Exception {
    assertThat(checks.prefixTooShort(text("word word", null), ALL, 0)).as("two words: hold").isTrue();
    assertThat(checks.prefixTooShort(text("word word", null), ALL, ChatChecks.PREFIX_HOLD_NANOS))
        .as("held long enough: release").isFalse();
    assertThat(checks.prefixTooShort(text("word word", null), Set.of(QualityCheck.EMPTY), 0))
        .as("no repetition check: nothing to wait for").isFalse();
    String opening = String.join(" ", java.util.Collections.nCopies(8, "word"));
    assertThat(checks.prefixTooShort(text(opening, null), ALL, 0)).isFalse();
    assertThat(checks.prefixFailure(text(opening, null), ALL).map(CheckFailure::reason)).hasValue("degenerate repetition");
    assertThat(checks.prefixFailure(text("The capital of France is Paris, a city", null), ALL)).isEmpty();
  }

  @Test
  void jsonSchemaAndToolFailuresAreTheRequestsOwnNotTheTargets() throws Exception {
    Optional<CheckFailure> prose =
        checks.failure(text("Here is some prose.", "stop"), request(",\"response_format\":{\"type\":\"json_object\"}"), ALL);
    assertThat(prose).hasValueSatisfying(f -> assertThat(f.requestCaused()).isTrue());
    assertThat(checks.failure(text("", "stop"), request(""), ALL))
        .hasValueSatisfying(f -> assertThat(f.requestCaused()).as("empty output is the target's").isFalse());
  }
}
