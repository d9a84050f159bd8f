package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class Limits {
  @JsonPropertyDescription("Requests per minute the account may send.")
  public Integer requestsPerMinute;

  @JsonPropertyDescription("Tokens (input plus output) per minute the account may use.")
  public Integer tokensPerMinute;
}
