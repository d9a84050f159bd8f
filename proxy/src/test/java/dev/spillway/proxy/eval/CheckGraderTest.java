package dev.spillway.proxy.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.config.rollout.GraderConfig.Check;
import dev.spillway.config.rollout.GraderConfig.Contains;
import dev.spillway.config.rollout.GraderConfig.Exact;
import dev.spillway.config.rollout.GraderConfig.JsonPathEquals;
import dev.spillway.config.rollout.GraderConfig.JsonSchema;
import dev.spillway.config.rollout.GraderConfig.JsonValid;
import dev.spillway.config.rollout.GraderConfig.MaxLatency;
import dev.spillway.config.rollout.GraderConfig.Regex;
import dev.spillway.config.rollout.GraderConfig.ToolCall;
import dev.spillway.proxy.http.Json;
import dev.spillway.proxy.quality.ChatAnswer;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckGraderTest {
  private final CheckGrader grader = new CheckGrader(Json.MAPPER);

  @Test
  void textGraders() {
    assertThat(grade(new Exact("Paris", false), " Paris\n").full()).isTrue();
    assertThat(grade(new Exact("Paris", false), "paris").detail()).isEqualTo("expected exactly \"Paris\", got \"paris\"");
    assertThat(grade(new Exact("Paris", true), "paris").full()).isTrue();
    assertThat(grade(new Contains("30 days", false), "within 30 days.").full()).isTrue();
    assertThat(grade(new Contains("30 DAYS", false), "within 30 days.").full()).isFalse();
    assertThat(grade(new Contains("30 DAYS", true), "within 30 days.").full()).isTrue();
    assertThat(grade(new Regex("^3\\s?kg$", false), "3 kg").full()).isTrue();
    assertThat(grade(new Regex("^3\\s?kg$", false), "3 KG").full()).isFalse();
    assertThat(grade(new Regex("^3\\s?kg$", true), "3 KG").full()).isTrue();
  }

  @Test
  void jsonGraders() {
    ObjectNode schema = (ObjectNode) Json.MAPPER.valueToTree(java.util.Map.of(
        "type", "object", "required", List.of("quantity"), "properties", java.util.Map.of("quantity", java.util.Map.of("type", "integer"))));
    assertThat(grade(new JsonValid(), "{\"a\": 1}").full()).isTrue();
    assertThat(grade(new JsonValid(), "{\"a\": 1} and more").full()).as("trailing text is not one JSON value").isFalse();
    assertThat(grade(new JsonSchema(schema), "{\"quantity\": 3}").full()).isTrue();
    assertThat(grade(new JsonSchema(schema), "{\"quantity\": \"3\"}").detail()).startsWith("does not match the schema: ");
    JsonPathEquals three = new JsonPathEquals("$.items[0].n", "/items/0/n", Json.MAPPER.getNodeFactory().numberNode(3));
    assertThat(grade(three, "{\"items\": [{\"n\": 3.0}]}").full()).as("3.0 equals 3").isTrue();
    assertThat(grade(three, "{\"items\": [{\"n\": 4}]}").detail()).isEqualTo("$.items[0].n is 4, expected 3");
    assertThat(grade(three, "{\"items\": []}").detail()).isEqualTo("$.items[0].n is missing");
  }

  @Test
  void toolCallGraderChecksNameAndTheListedArguments() {
    ObjectNode wanted = Json.MAPPER.createObjectNode().put("city", "Paris");
    EvalAnswer called = answer(new ChatAnswer("", "tool_calls", null,
        List.of(new ChatAnswer.ToolCall("get_weather", "{\"city\": \"Paris\", \"unit\": \"C\"}"))), 10);

    assertThat(grader.grade(new ToolCall("get_weather", wanted), called).full()).isTrue();
    assertThat(grader.grade(new ToolCall("get_weather", null), called).full()).isTrue();
    assertThat(grader.grade(new ToolCall("get_time", null), called).detail())
        .isEqualTo("expected a call of get_time, got [get_weather]");
    assertThat(grader.grade(new ToolCall("get_weather", wanted.put("city", "Lyon")), called).detail())
        .isEqualTo("get_weather argument city is \"Paris\", expected \"Lyon\"");
    assertThat(grade(new ToolCall("get_weather", null), "It is sunny").detail())
        .isEqualTo("expected a call of get_weather, got no tool call");
  }

  @Test
  void latencyAndFailedCalls() {
    assertThat(grader.grade(new MaxLatency(100), answer(text("x"), 100)).full()).isTrue();
    assertThat(grader.grade(new MaxLatency(100), answer(text("x"), 101)).detail()).isEqualTo("took 101 ms, limit 100 ms");
    assertThat(grader.grade(new Contains("x", false), EvalAnswer.failed(5, "http 503")).detail())
        .isEqualTo("call failed: http 503");
  }

  private Grade grade(Check check, String text) {
    return grader.grade(check, answer(text(text), 10));
  }

  static ChatAnswer text(String text) {
    return new ChatAnswer(text, "stop", null, List.of());
  }

  static EvalAnswer answer(ChatAnswer answer, long latencyMs) {
    return new EvalAnswer(answer, latencyMs, 0, null);
  }
}
