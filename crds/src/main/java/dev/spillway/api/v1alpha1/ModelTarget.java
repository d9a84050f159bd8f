package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

/** One provider model behind a logical model. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelTarget {
  @Required
  @JsonPropertyDescription("Name of the ProviderAccount in this namespace.")
  public String account;

  @Required
  @JsonPropertyDescription("The provider's model id (or Azure deployment name) sent upstream.")
  public String model;

  @Min(0)
  @JsonPropertyDescription("Order among the targets, lower first (default: position in the list).")
  public Integer priority;

  @Min(1)
  @JsonPropertyDescription(
      "Quality tier, 1 the best. A policy's minTier forbids falling to a worse tier (default 1).")
  public Integer tier;

  @Min(0)
  @JsonPropertyDescription("Share of traffic in weighted splits and experiments (default 1).")
  public Integer weight;

  @JsonPropertyDescription("Overrides the logical model's capabilities for this target.")
  public Capabilities capabilities;

  @JsonPropertyDescription("Prices in US dollars per million tokens.")
  public Pricing pricing;
}
