package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Candidate vs incumbent on the same traffic during the canary (and shadow). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CanaryGuards {
  @Min(0)
  @Max(1)
  @JsonPropertyDescription("Most the candidate's error rate may exceed the incumbent's, 0..1 (default 0.05).")
  public Double maxErrorRateIncrease;

  @Min(0)
  @JsonPropertyDescription("Highest candidate/incumbent p95 latency ratio (default 1.5).")
  public Double maxP95Ratio;

  @Min(0)
  @Max(1)
  @JsonPropertyDescription(
      "Most the candidate's quality-check failure rate may exceed the incumbent's, 0..1 (default 0.05).")
  public Double maxCheckFailureIncrease;

  @Min(0)
  @JsonPropertyDescription("Highest quality drift of the candidate, in sigmas (default 4).")
  public Double maxDriftSigma;

  @Min(1)
  @JsonPropertyDescription("Calls on each side before a guard may judge (default 20).")
  public Integer minCalls;
}
