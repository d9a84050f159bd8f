package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import java.util.List;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class LogicalModelSpec {
  @JsonPropertyDescription("What this model is for, shown in GET /v1/models.")
  public String description;

  @JsonPropertyDescription("What every target of this model can do, unless a target says otherwise.")
  public Capabilities capabilities;

  @JsonPropertyDescription("Request parameters applied when the request does not set them.")
  public RequestDefaults defaults;

  @ValidationRule(value = "size(self) > 0", message = "needs at least one target")
  @ValidationRule(value = "self.all(t, !has(t.account) || !has(t.model) || self.exists_one(u, has(u.account)"
      + " && has(u.model) && u.account == t.account && u.model == t.model))",
      message = "a target repeats the account and model of another")
  @Required
  @JsonPropertyDescription(
      "Provider models that serve this logical model: the first is the primary, the rest are fallbacks"
          + " in order (or ordered by priority when set).")
  public List<ModelTarget> targets;

  @JsonPropertyDescription(
      "Another LogicalModel to fall back to once every target of this one has failed.")
  public String fallback;
}
