package dev.spillway.config.rollout;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One grader of a case: what it checks and its weight within the case. */
public record GraderConfig(Check check, double weight) {

  /** The kinds of check; each names itself in reports. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
      @JsonSubTypes.Type(value = Exact.class, name = "exact"),
      @JsonSubTypes.Type(value = Contains.class, name = "contains"),
      @JsonSubTypes.Type(value = Regex.class, name = "regex"),
      @JsonSubTypes.Type(value = JsonValid.class, name = "json"),
      @JsonSubTypes.Type(value = JsonSchema.class, name = "jsonSchema"),
      @JsonSubTypes.Type(value = JsonPathEquals.class, name = "jsonPath"),
      @JsonSubTypes.Type(value = ToolCall.class, name = "toolCall"),
      @JsonSubTypes.Type(value = MaxLatency.class, name = "maxLatency"),
      @JsonSubTypes.Type(value = Judge.class, name = "judge")})
  public sealed interface Check {}

  public record Exact(String value, boolean ignoreCase) implements Check {}

  public record Contains(String value, boolean ignoreCase) implements Check {}

  /** @param pattern a valid Java regular expression (checked by the compiler) */
  public record Regex(String pattern, boolean ignoreCase) implements Check {}

  public record JsonValid() implements Check {}

  public record JsonSchema(JsonNode schema) implements Check {}

  /**
   * @param path as written, for reports
   * @param pointer the same path as a JSON Pointer, e.g. /items/0/id
   */
  public record JsonPathEquals(String path, String pointer, JsonNode expected) implements Check {}

  /** @param arguments null: any arguments */
  public record ToolCall(String name, ObjectNode arguments) implements Check {}

  public record MaxLatency(long millis) implements Check {}

  /** @param model the judging LogicalModel */
  public record Judge(String model, String rubric) implements Check {}
}
