package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import java.util.List;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class CircuitBreakerSpec {
  @Min(value = 0, inclusive = false)
  @Max(1)
  @JsonPropertyDescription("Failure fraction over the window that opens the circuit (default 0.5).")
  public Double failureRateThreshold;

  @Min(1)
  @JsonPropertyDescription("Calls in the window before the failure rate counts (default 20).")
  public Integer minimumCalls;

  @Min(1)
  @JsonPropertyDescription("Consecutive failures that open the circuit regardless of rate (default 5).")
  public Integer consecutiveFailures;

  @Pattern(SpillwayApi.DURATION_PATTERN)
  @JsonPropertyDescription("Sliding window of the failure rate (default 30s).")
  public String window;

  @Pattern(SpillwayApi.DURATION_PATTERN)
  @JsonPropertyDescription("First cool-down before half-open; doubles on each repeated trip (default 10s).")
  public String openFor;

  @Min(1)
  @JsonPropertyDescription("Probe calls allowed while half-open (default 3).")
  public Integer halfOpenProbes;

  @JsonPropertyDescription("Traffic percentages of the staged recovery (default [1, 5, 25, 100]).")
  @ValidationRule(value = "size(self) > 0 && self.all(p, p >= 1 && p <= 100) && self[size(self) - 1] == 100",
      message = "steps are percentages from 1 to 100 and the last is 100, e.g. [1, 5, 25, 100]")
  @ValidationRule(value = "self.all(p, self.exists_one(q, q == p))", message = "a step is repeated: steps increase strictly")
  public List<Integer> recoveryRamp;
}
