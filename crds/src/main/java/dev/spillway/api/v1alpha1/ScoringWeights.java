package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ScoringWeights {
  @Min(0)
  @JsonPropertyDescription("Weight of recent health (default 1).")
  public Double health;

  @Min(0)
  @JsonPropertyDescription("Weight of latency (default 1).")
  public Double latency;

  @Min(0)
  @JsonPropertyDescription("Weight of output quality (default 1).")
  public Double quality;

  @Min(0)
  @JsonPropertyDescription("Weight of cost (default 0.5).")
  public Double cost;

  @Min(0)
  @JsonPropertyDescription("Weight of rate-limit headroom (default 0.5).")
  public Double headroom;

  @Min(0)
  @JsonPropertyDescription("Score advantage a challenger needs to replace the current choice (default 0.1).")
  public Double switchMargin;
}
