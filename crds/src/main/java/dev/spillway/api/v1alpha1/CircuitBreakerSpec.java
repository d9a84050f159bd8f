package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class CircuitBreakerSpec {
  @JsonPropertyDescription("Failure fraction over the window that opens the circuit (default 0.5).")
  public Double failureRateThreshold;

  @JsonPropertyDescription("Calls in the window before the failure rate counts (default 20).")
  public Integer minimumCalls;

  @JsonPropertyDescription("Consecutive failures that open the circuit regardless of rate (default 5).")
  public Integer consecutiveFailures;

  @JsonPropertyDescription("Sliding window of the failure rate (default 30s).")
  public String window;

  @JsonPropertyDescription("First cool-down before half-open; doubles on each repeated trip (default 10s).")
  public String openFor;

  @JsonPropertyDescription("Probe calls allowed while half-open (default 3).")
  public Integer halfOpenProbes;

  @JsonPropertyDescription("Traffic percentages of the staged recovery (default [1, 5, 25, 100]).")
  public List<Integer> recoveryRamp;
}
