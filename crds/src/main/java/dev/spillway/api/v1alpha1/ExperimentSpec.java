package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExperimentSpec {
  @JsonPropertyDescription("Traffic weight per target, keyed account/model.")
  public Map<String, Integer> weights;
}
