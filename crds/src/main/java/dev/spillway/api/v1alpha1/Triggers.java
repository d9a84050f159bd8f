package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class Triggers {
  @Min(1)
  @JsonPropertyDescription("Demote a target whose p95 latency exceeds this many milliseconds.")
  public Integer latencyP95Ms;

  @Min(value = 0, inclusive = false)
  @Max(1)
  @JsonPropertyDescription("Demote a target whose error rate exceeds this fraction (e.g. 0.02).")
  public Double errorRate;

  @Min(value = 0, inclusive = false)
  @JsonPropertyDescription("Demote a target whose quality drifts below its baseline by this many sigma.")
  public Double qualityDriftSigma;

  @Pattern("^(target|tier)$")
  @JsonPropertyDescription(
      "What the thresholds judge: target (each target on its own, the default) or tier (the targets of"
          + " one tier pooled: a tier past a threshold is demoted as a whole and traffic moves to the next"
          + " tier).")
  public String scope;
}
