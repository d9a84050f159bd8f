package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** How long a long-running job (video generation) may take at one target before it moves on. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class JobsSpec {
  @Pattern(SpillwayApi.DURATION_PATTERN)
  @JsonPropertyDescription(
      "Time from an accepted job to its first progress (leaving queued, or progress above 0) before"
          + " it is resubmitted to the next candidate (default 2m).")
  public String firstProgress;

  @Pattern(SpillwayApi.DURATION_PATTERN)
  @JsonPropertyDescription(
      "Time one target may take to finish a job after it was submitted there, before it is"
          + " resubmitted to the next candidate (default 15m).")
  public String total;

  @Pattern(SpillwayApi.DURATION_PATTERN)
  @JsonPropertyDescription("How often the proxy polls the provider for a job's status (default 5s).")
  public String pollInterval;
}
