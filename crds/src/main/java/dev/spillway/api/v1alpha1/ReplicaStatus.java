package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReplicaStatus {
  @JsonPropertyDescription("Pod name.")
  public String pod;

  @JsonPropertyDescription("Config version the replica serves.")
  public String configVersion;

  @JsonPropertyDescription("With spec.sharedState: SHARED while the replica shares limits, budgets and marks"
      + " through Redis, LOCAL_FALLBACK while Redis is unreachable and it decides alone.")
  public String sharedState;
}
