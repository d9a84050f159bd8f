package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class LogicalModelStatus extends ResourceStatus {
  @JsonPropertyDescription("The target (account/model) serving most recent traffic.")
  public String servingTarget;
}
