package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;

/** What the LLM judge may spend in one eval run, over both sides. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class JudgeBudget {
  @Min(1)
  @JsonPropertyDescription("Most judge calls per run (default 100).")
  public Integer maxCalls;

  @Min(0)
  @JsonPropertyDescription("Most US dollars of judge calls per run, priced from the judge target's pricing.")
  public Double maxCostUsd;
}
