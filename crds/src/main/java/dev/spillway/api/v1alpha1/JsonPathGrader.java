package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Required;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class JsonPathGrader {
  @Required
  @JsonPropertyDescription("A JSON path of object keys and list indexes, e.g. $.city or $.items[0].id.")
  public String path;

  @Required
  @PreserveUnknownFields
  @JsonPropertyDescription("The value expected there (any JSON value; numbers compare by value).")
  public JsonNode equals;
}
