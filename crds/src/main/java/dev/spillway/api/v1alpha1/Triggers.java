package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class Triggers {
  @JsonPropertyDescription("Demote a target whose p95 latency exceeds this many milliseconds.")
  public Integer latencyP95Ms;

  @JsonPropertyDescription("Demote a target whose error rate exceeds this fraction (e.g. 0.02).")
  public Double errorRate;

  @JsonPropertyDescription("Demote a target whose quality drifts below its baseline by this many sigma.")
  public Double qualityDriftSigma;
}
