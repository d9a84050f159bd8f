package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;

/** Per-target drift detection over the answers' check results. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class QualityDriftSpec {
  @JsonPropertyDescription("Watch each target's check failure rate against its baseline (default true).")
  public Boolean enabled;

  @Min(5)
  @JsonPropertyDescription("Answers a target must have given before drift can be raised (default 20).")
  public Integer minSamples;
}
