package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A window during which a simulated provider misbehaves. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SimulatedFault {
  @JsonPropertyDescription(
      "error (HTTP errorStatus), hang (never answers), slow (answers after latency), rateLimit (429"
          + " with Retry-After), empty (200 with empty content) or cut (stream stops mid-way).")
  public String kind;

  @JsonPropertyDescription("Offset of the first window from load time (default 0s).")
  public String start;

  @JsonPropertyDescription("Length of each window; unset means forever.")
  public String duration;

  @JsonPropertyDescription("Repeat the window with this period, e.g. 60s; unset means once.")
  public String every;

  @JsonPropertyDescription("HTTP status for kind error (default 503).")
  public Integer status;

  @JsonPropertyDescription("Latency for kind slow, e.g. 1500ms.")
  public String latency;
}
