package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Required;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ToolCallGrader {
  @Required
  @JsonPropertyDescription("Name of the function the answer must call.")
  public String name;

  @PreserveUnknownFields
  @JsonPropertyDescription("Arguments the call must carry; keys not listed here may also be present.")
  public ObjectNode arguments;
}
