package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class Pricing {
  @JsonPropertyDescription("US dollars per million input tokens.")
  public Double inputPerMTok;

  @JsonPropertyDescription("US dollars per million output tokens.")
  public Double outputPerMTok;

  @JsonPropertyDescription("US dollars per million cached input tokens.")
  public Double cachedInputPerMTok;
}
