package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class RequestDefaults {
  @Min(0)
  @Max(2)
  @JsonPropertyDescription("Sampling temperature, 0 to 2.")
  public Double temperature;

  @Min(1)
  @JsonPropertyDescription("Maximum completion tokens.")
  public Integer maxTokens;

  @Min(0)
  @Max(1)
  @JsonPropertyDescription("Nucleus sampling, 0 to 1.")
  public Double topP;

  @Size(max = 4)
  @JsonPropertyDescription("Stop sequences (at most 4).")
  public List<String> stop;
}
