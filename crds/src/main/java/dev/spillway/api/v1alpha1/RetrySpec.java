package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class RetrySpec {
  @Min(1)
  @Max(10)
  @JsonPropertyDescription("Attempts on the same target, the first included (default 1: no retry).")
  public Integer attempts;

  @Pattern(SpillwayApi.DURATION_PATTERN)
  @JsonPropertyDescription("Delay before a retry, e.g. 100ms.")
  public String backoff;

  @JsonPropertyDescription(
      "Failure kinds that retry the same target: connect, timeout, 429, 5xx (default connect).")
  public List<String> on;
}
