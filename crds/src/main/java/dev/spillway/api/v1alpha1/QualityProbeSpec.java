package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A golden request sent to each target of the policy on an interval: a health check that sees quality. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class QualityProbeSpec {
  @Required
  @Pattern(SpillwayApi.DURATION_PATTERN)
  @JsonPropertyDescription("How often each target is probed, at least 10s (e.g. 60s).")
  public String interval;

  @Required
  @JsonPropertyDescription("The user message of the probe, e.g. \"What is the capital of France?\".")
  public String prompt;

  @JsonPropertyDescription(
      "Text the answer must contain (case-insensitive), e.g. \"Paris\". The policy's checks apply too.")
  public String expect;
}
