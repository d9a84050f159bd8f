package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = "(has(self.minReplicas) ? self.minReplicas : 2) <= (has(self.maxReplicas) ? self.maxReplicas : 10)",
    message = "minReplicas must not exceed maxReplicas (defaults 2 and 10)")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AutoscalingSpec {
  @JsonPropertyDescription("Fewest replicas (default 2).")
  public Integer minReplicas;

  @JsonPropertyDescription("Most replicas (default 10).")
  public Integer maxReplicas;

  @JsonPropertyDescription("Target average CPU utilisation in percent (default 70).")
  public Integer targetCpuUtilizationPercent;
}
