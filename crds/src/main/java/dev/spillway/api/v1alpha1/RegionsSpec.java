package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** Where a policy's calls are served: the regions tried first, and the only ones allowed. */
@ValidationRule(value = "!has(self.allow) || size(self.allow) > 0",
    message = "allow needs at least one region; leave it out to allow every region")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RegionsSpec {
  @JsonPropertyDescription("Regions tried first: `local` is the Router's own region (Router spec.region;"
      + " --region standalone). Targets of accounts elsewhere serve only when every preferred one is degraded"
      + " (circuit open, resting, over its limits or budget, demoted by a trigger). Default: [local].")
  public List<String> prefer;

  @JsonPropertyDescription("The only regions the policy's calls may be served in (data residency): targets"
      + " of accounts in other regions, or with no region, are never tried, even when everything allowed is"
      + " down. Match the policy on a header (match.headers) to choose residency per request. Default: every region.")
  public List<String> allow;
}
