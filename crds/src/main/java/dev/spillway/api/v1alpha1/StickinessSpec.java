package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class StickinessSpec {
  @Pattern("^(header|body):.+$")
  @JsonPropertyDescription(
      "Where the user key comes from: header:<name> or body:user (default body:user).")
  public String key;
}
