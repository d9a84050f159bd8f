package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class CanaryStep {
  @Required
  @Min(0)
  @Max(100)
  @JsonPropertyDescription("Percentage of the model's calls the candidate serves during this step.")
  public Double percent;

  @Required
  @Pattern(SpillwayApi.DURATION_PATTERN)
  @JsonPropertyDescription("How long the step lasts before the next, e.g. 5m.")
  public String duration;
}
