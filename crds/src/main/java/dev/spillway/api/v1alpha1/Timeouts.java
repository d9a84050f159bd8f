package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Durations are strings such as 250ms, 10s or 2m. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Timeouts {
  @JsonPropertyDescription("Time to establish a connection (default 2s).")
  public String connect;

  @JsonPropertyDescription(
      "For streams, time until the first content token (default 30s).")
  public String firstToken;

  @JsonPropertyDescription("Time for the whole attempt, body included (default 120s).")
  public String request;
}
