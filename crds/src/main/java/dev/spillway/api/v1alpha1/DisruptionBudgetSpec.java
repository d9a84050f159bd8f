package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class DisruptionBudgetSpec {
  @JsonPropertyDescription("Replicas that must stay available during voluntary disruptions (default 1).")
  public Integer minAvailable;
}
