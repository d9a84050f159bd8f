package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** The eval gate: candidate score ≥ incumbent score − tolerance, plus optional ceilings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RolloutGate {
  @Min(0)
  @Max(1)
  @JsonPropertyDescription("How much lower (0..1) the candidate's score may be than the incumbent's (default 0).")
  public Double tolerance;

  @Min(0)
  @Max(1)
  @JsonPropertyDescription("The lowest score (0..1) the candidate may have, whatever the incumbent's.")
  public Double minScore;

  @Min(0)
  @JsonPropertyDescription("Highest candidate/incumbent ratio of median latency, e.g. 1.5.")
  public Double maxLatencyRatio;

  @Min(0)
  @JsonPropertyDescription("Highest candidate/incumbent ratio of cost over the set, e.g. 1.2.")
  public Double maxCostRatio;
}
