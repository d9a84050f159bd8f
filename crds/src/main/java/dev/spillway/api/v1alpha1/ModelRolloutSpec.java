package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelRolloutSpec {
  @Required
  @JsonPropertyDescription("The LogicalModel whose targets change.")
  public String model;

  @Required
  @JsonPropertyDescription("The new target: account, provider model id, tier, pricing.")
  public ModelTarget candidate;

  @JsonPropertyDescription(
      "The target the candidate replaces, as account/model; it is also the incumbent the candidate is"
          + " measured against. Unset: the candidate is added and the model's first target is the incumbent.")
  public String replaces;

  @Required
  @JsonPropertyDescription("The EvalSet both sides are measured on.")
  public String evalSet;

  @JsonPropertyDescription("When the eval results let the candidate go on (default: not worse than the incumbent).")
  public RolloutGate gate;

  @JsonPropertyDescription("Mirror a share of live calls to the candidate before it serves anyone.")
  public ShadowSpec shadow;

  @JsonPropertyDescription("Give the candidate growing shares of live traffic, guarded; unset: promote after the gate.")
  public CanarySpec canary;
}
