package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class HealthCheck {
  @JsonPropertyDescription("How often to probe (e.g. 30s). Unset disables active checks.")
  public String interval;

  @JsonPropertyDescription("Timeout of one probe (default 5s).")
  public String timeout;

  @JsonPropertyDescription("Probe kind: models (list models) or completion (a one-token completion).")
  public String probe;
}
