package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A scripted answer: lets a simulated model answer eval cases (and demos) by prompt. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SimulatedAnswer {
  @Required
  @JsonPropertyDescription("Answer this when the last user message contains this text.")
  public String whenContains;

  @Required
  @JsonPropertyDescription("The answer text, sent as written (also under JSON mode).")
  public String reply;
}
