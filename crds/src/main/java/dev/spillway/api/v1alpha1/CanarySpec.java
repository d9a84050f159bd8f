package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class CanarySpec {
  @Required
  @JsonPropertyDescription("Traffic shares in order, e.g. 1, 5, 25, 100 %, each held for its duration.")
  public List<CanaryStep> steps;

  @JsonPropertyDescription("Breaching any guard rolls the candidate back at once.")
  public CanaryGuards guards;
}
