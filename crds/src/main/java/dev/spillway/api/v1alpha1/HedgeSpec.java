package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class HedgeSpec {
  @Pattern(SpillwayApi.DURATION_OR_AUTO_PATTERN)
  @JsonPropertyDescription(
      "Send to the next candidate when the first has not answered after this long (e.g. 300ms);"
          + " auto (the default) derives it from the target's p95.")
  public String after;

  @Min(0)
  @Max(100)
  @JsonPropertyDescription("Most hedged calls as a percentage of all calls (default 5).")
  public Integer maxPercent;
}
