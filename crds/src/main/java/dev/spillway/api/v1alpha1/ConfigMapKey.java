package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** One key of a ConfigMap in the same namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConfigMapKey {
  @Required
  @JsonPropertyDescription("Name of the ConfigMap.")
  public String name;

  @Required
  @JsonPropertyDescription("Key within its data.")
  public String key;
}
