package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class AutoscalingSpec {
  @JsonPropertyDescription("Fewest replicas (default 2).")
  public Integer minReplicas;

  @JsonPropertyDescription("Most replicas (default 10).")
  public Integer maxReplicas;

  @JsonPropertyDescription("Target average CPU utilisation in percent (default 70).")
  public Integer targetCpuUtilizationPercent;
}
