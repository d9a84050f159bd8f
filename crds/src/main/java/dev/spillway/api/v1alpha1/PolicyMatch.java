package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Map;

/** All given fields must match; a list matches when it contains the request's value. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PolicyMatch {
  @JsonPropertyDescription(
      "Step types (x-spillway-step header or metadata.step in the body), e.g. planning, tool-call.")
  public List<String> stepTypes;

  @JsonPropertyDescription(
      "Purposes (x-spillway-purpose header or metadata.purpose in the body), e.g. summarize.")
  public List<String> purposes;

  @JsonPropertyDescription("Logical model names the request may name.")
  public List<String> models;

  @JsonPropertyDescription("Consumers (by name) whose calls this policy routes; needs authentication.")
  public List<String> consumers;

  @JsonPropertyDescription("Request headers that must have exactly these values.")
  public Map<String, String> headers;

  @JsonPropertyDescription(
      "true matches only streaming requests, false only non-streaming ones; unset matches both.")
  public Boolean streaming;
}
