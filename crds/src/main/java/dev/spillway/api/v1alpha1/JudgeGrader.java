package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class JudgeGrader {
  @Required
  @JsonPropertyDescription("The LogicalModel that judges (called through its targets in order).")
  public String model;

  @Required
  @JsonPropertyDescription("What a good answer does; the judge scores the answer 0 (fails) to 1 (fully meets it).")
  public String rubric;
}
