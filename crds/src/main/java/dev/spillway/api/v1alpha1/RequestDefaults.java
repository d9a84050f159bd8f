package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class RequestDefaults {
  @JsonPropertyDescription("Sampling temperature, 0 to 2.")
  public Double temperature;

  @JsonPropertyDescription("Maximum completion tokens.")
  public Integer maxTokens;

  @JsonPropertyDescription("Nucleus sampling, 0 to 1.")
  public Double topP;

  @JsonPropertyDescription("Stop sequences (at most 4).")
  public List<String> stop;
}
