package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ScoringWeights {
  @JsonPropertyDescription("Weight of recent health (default 1).")
  public Double health;

  @JsonPropertyDescription("Weight of latency (default 1).")
  public Double latency;

  @JsonPropertyDescription("Weight of output quality (default 1).")
  public Double quality;

  @JsonPropertyDescription("Weight of cost (default 0.5).")
  public Double cost;

  @JsonPropertyDescription("Weight of rate-limit headroom (default 0.5).")
  public Double headroom;

  @JsonPropertyDescription("Score advantage a challenger needs to replace the current choice (default 0.1).")
  public Double switchMargin;
}
