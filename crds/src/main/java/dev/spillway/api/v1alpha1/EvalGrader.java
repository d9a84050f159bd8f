package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** One check of an answer: set exactly one of the grader fields (ignoreCase and weight qualify it). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EvalGrader {
  @JsonPropertyDescription("The answer text equals this (surrounding whitespace ignored).")
  public String exact;

  @JsonPropertyDescription("The answer text contains this.")
  public String contains;

  @JsonPropertyDescription("The answer text matches this regular expression (find, not whole-text match).")
  public String regex;

  @JsonPropertyDescription("For exact, contains and regex: compare without regard to case.")
  public Boolean ignoreCase;

  @JsonPropertyDescription("true: the answer text is one valid JSON value.")
  public Boolean json;

  @PreserveUnknownFields
  @JsonPropertyDescription("The answer text is JSON matching this JSON schema (draft 2020-12).")
  public JsonNode jsonSchema;

  @JsonPropertyDescription("The value at a JSON path of the answer text equals a given value.")
  public JsonPathGrader jsonPath;

  @JsonPropertyDescription("The answer calls this tool, with these arguments when given.")
  public ToolCallGrader toolCall;

  @Pattern(SpillwayApi.DURATION_PATTERN)
  @JsonPropertyDescription("The answer arrives within this time, e.g. 2s.")
  public String maxLatency;

  @JsonPropertyDescription("An LLM judge scores the answer 0..1 against a rubric.")
  public JudgeGrader judge;

  @Min(0)
  @JsonPropertyDescription("Weight of this grader within its case (default 1).")
  public Double weight;
}
