package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceSpec {
  @JsonPropertyDescription("Service type: ClusterIP, NodePort or LoadBalancer (default ClusterIP).")
  public String type;

  @JsonPropertyDescription("Service port (default 8080).")
  public Integer port;
}
