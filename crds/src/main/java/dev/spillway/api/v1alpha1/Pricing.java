package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class Pricing {
  @Min(0)
  @JsonPropertyDescription("US dollars per million input tokens.")
  public Double inputPerMTok;

  @Min(0)
  @JsonPropertyDescription("US dollars per million output tokens.")
  public Double outputPerMTok;

  @Min(0)
  @JsonPropertyDescription("US dollars per million cached input tokens.")
  public Double cachedInputPerMTok;

  @Min(0)
  @JsonPropertyDescription("US dollars per million input tokens written to the provider's prompt cache"
      + " (Anthropic's cache_creation_input_tokens: 1.25 times the input price for its 5-minute cache);"
      + " defaults to inputPerMTok.")
  public Double cacheWriteInputPerMTok;

  @Min(0)
  @JsonPropertyDescription("US dollars per second of generated video, for video targets (priced by length, not tokens).")
  public Double videoPerSecond;
}
