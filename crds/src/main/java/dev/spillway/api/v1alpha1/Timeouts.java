package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

/** Durations are strings such as 250ms, 10s or 2m. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Timeouts {
  @Pattern(SpillwayApi.DURATION_PATTERN)
  @JsonPropertyDescription("Time to establish a connection (default 2s).")
  public String connect;

  @Pattern(SpillwayApi.DURATION_PATTERN)
  @JsonPropertyDescription(
      "For streams, time until the first content token (default 30s).")
  public String firstToken;

  @Pattern(SpillwayApi.DURATION_PATTERN)
  @JsonPropertyDescription("Time for the whole attempt, body included (default 120s).")
  public String request;
}
