package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class HealthCheck {
  @Pattern(SpillwayApi.DURATION_PATTERN)
  @JsonPropertyDescription("How often to probe (e.g. 30s). Unset disables active checks.")
  public String interval;

  @Pattern(SpillwayApi.DURATION_PATTERN)
  @JsonPropertyDescription("Timeout of one probe (default 5s).")
  public String timeout;

  @Pattern("^(models|completion)$")
  @JsonPropertyDescription("Probe kind: models (list models) or completion (a one-token completion).")
  public String probe;
}
