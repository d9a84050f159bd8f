package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class EvalSetStatus extends ResourceStatus {
  @JsonPropertyDescription("How many cases the set holds (inline plus those read from casesFrom).")
  public Integer cases;
}
