package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class Limits {
  @Min(1)
  @JsonPropertyDescription("Requests per minute the account may send.")
  public Integer requestsPerMinute;

  @Min(1)
  @JsonPropertyDescription("Tokens (input plus output) per minute the account may use.")
  public Integer tokensPerMinute;
}
