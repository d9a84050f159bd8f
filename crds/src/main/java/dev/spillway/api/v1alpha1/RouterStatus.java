package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class RouterStatus extends ResourceStatus {
  @JsonPropertyDescription("Content version of the last config published to the proxies.")
  public String configVersion;

  @JsonPropertyDescription("Ready proxy replicas.")
  public Integer readyReplicas;

  @JsonPropertyDescription("The config version each proxy replica has loaded.")
  public List<ReplicaStatus> replicas = new ArrayList<>();
}
