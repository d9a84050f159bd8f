package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** A window during which a simulated provider misbehaves. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SimulatedFault {
  @Pattern(
      "^(error|hang|slow|rateLimit|empty|cut|refusal|repetition|gibberish|badJson|blackImage|silentAudio|zeroEmbedding"
          + "|failAfterAccept|stuckQueue|blackVideo|shortVideo|sameVideo)$")
  @JsonPropertyDescription(
      "error (HTTP errorStatus), hang (never answers), slow (answers after latency), rateLimit (429"
          + " with Retry-After), empty (200 with empty content), cut (stream stops mid-way), refusal"
          + " (200 with a refusal), repetition (200 with a degenerate loop), gibberish (200 with letters that"
          + " read as no language, which no single check fails), badJson (200 with broken"
          + " JSON), blackImage, silentAudio or zeroEmbedding (200 with a degraded media answer);"
          + " for video jobs: failAfterAccept (accepted, then failed), stuckQueue (accepted, never"
          + " starts), blackVideo, shortVideo (half the seconds asked) or sameVideo (one clip for"
          + " every prompt).")
  public String kind;

  @Pattern(SpillwayApi.DURATION_PATTERN)
  @JsonPropertyDescription("Offset of the first window from load time (default 0s).")
  public String start;

  @Pattern(SpillwayApi.DURATION_PATTERN)
  @JsonPropertyDescription("Length of each window; unset means forever.")
  public String duration;

  @Pattern(SpillwayApi.DURATION_PATTERN)
  @JsonPropertyDescription("Repeat the window with this period, e.g. 60s; unset means once.")
  public String every;

  @Min(400)
  @Max(599)
  @JsonPropertyDescription("HTTP status for kind error (default 503).")
  public Integer status;

  @Pattern(SpillwayApi.DURATION_PATTERN)
  @JsonPropertyDescription("Latency for kind slow, e.g. 1500ms.")
  public String latency;
}
