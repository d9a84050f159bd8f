package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** Mirroring: the candidate answers copies of live calls; its answers never reach users. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ShadowSpec {
  @Required
  @Min(0)
  @Max(100)
  @JsonPropertyDescription("Percentage of the model's live calls mirrored to the candidate.")
  public Double percent;

  @Required
  @Pattern(SpillwayApi.DURATION_PATTERN)
  @JsonPropertyDescription("How long to shadow before the canary, e.g. 10m.")
  public String duration;

  @Min(0)
  @JsonPropertyDescription("Most US dollars the mirrored calls may cost; mirroring stops there.")
  public Double maxSpendUsd;
}
