package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** The cases of an eval set: inline, from a ConfigMap of JSONL, or both. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EvalSetSpec {
  @JsonPropertyDescription("Cases written inline.")
  public List<EvalCase> cases;

  @JsonPropertyDescription(
      "A ConfigMap key holding more cases, one JSON object per line (same fields as an inline case):"
          + " for sets too large to keep in the resource.")
  public ConfigMapKey casesFrom;

  @JsonPropertyDescription("Bounds the LLM-judge calls of one run; unset: 100 calls, no cost ceiling.")
  public JudgeBudget judgeBudget;
}
