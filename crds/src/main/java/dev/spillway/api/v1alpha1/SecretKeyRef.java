package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** A key inside a Secret in the same namespace. */
@ValidationRule(value = "has(self.name) && has(self.key)", message = "name and key are both required")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretKeyRef {
  @JsonPropertyDescription("Name of the Secret in the resource's namespace.")
  public String name;

  @JsonPropertyDescription("Key inside the Secret whose value is the credential.")
  public String key;

  public SecretKeyRef() {}

  public SecretKeyRef(String name, String key) {
    this.name = name;
    this.key = key;
  }
}
