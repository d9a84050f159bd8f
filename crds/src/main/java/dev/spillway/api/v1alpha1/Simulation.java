package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import java.util.List;

/** An in-process provider for demos and tests: no network, no keys. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Simulation {
  @Pattern(SpillwayApi.DURATION_PATTERN)
  @JsonPropertyDescription("Base latency before the response (or first token), e.g. 40ms.")
  public String latency;

  @Pattern(SpillwayApi.DURATION_PATTERN)
  @JsonPropertyDescription("Random extra latency up to this much, e.g. 20ms.")
  public String jitter;

  @Pattern(SpillwayApi.DURATION_PATTERN)
  @JsonPropertyDescription("Delay between streamed chunks (default 10ms).")
  public String interChunkDelay;

  @Min(0)
  @Max(1)
  @JsonPropertyDescription("Fraction of calls (0 to 1) that fail with errorStatus.")
  public Double errorRate;

  @Min(400)
  @Max(599)
  @JsonPropertyDescription("HTTP status of random failures (default 503).")
  public Integer errorStatus;

  @JsonPropertyDescription("Text the simulated model answers (default: a short canned reply).")
  public String reply;

  @JsonPropertyDescription(
      "Scripted answers by prompt, first match wins; calls matching none get reply.")
  public List<SimulatedAnswer> answers;

  @JsonPropertyDescription("Scheduled faults, measured from the time the proxy loaded this account.")
  public List<SimulatedFault> faults;
}
