package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class RoutingPolicyStatus extends ResourceStatus {
  @JsonPropertyDescription("Requests this policy matched, summed over the proxy replicas.")
  public Long matched;

  @JsonPropertyDescription("Fraction of matched requests that were served.")
  public Double successRate;

  @JsonPropertyDescription("Fraction of matched requests that failed.")
  public Double errorRate;
}
