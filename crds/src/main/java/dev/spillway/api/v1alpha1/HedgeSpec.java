package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class HedgeSpec {
  @JsonPropertyDescription(
      "Send to the next candidate when the first has not answered after this long (e.g. 300ms);"
          + " auto derives it from the target's p95.")
  public String after;

  @JsonPropertyDescription("Most hedged calls as a percentage of all calls (default 5).")
  public Integer maxPercent;
}
