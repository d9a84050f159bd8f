package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelRolloutStatus extends ResourceStatus {
  @JsonPropertyDescription("Evaluating, Rejected, Shadowing, Canary, Promoted or RolledBack.")
  public String phase;

  @JsonPropertyDescription("The canary step in force, from 1; unset outside the canary.")
  public Integer step;

  @JsonPropertyDescription("The candidate's share of traffic in percent during the canary.")
  public Double trafficPercent;

  @JsonPropertyDescription("The candidate's eval score, 0..1.")
  public Double candidateScore;

  @JsonPropertyDescription("The incumbent's eval score, 0..1.")
  public Double incumbentScore;

  @JsonPropertyDescription("Scores per tag, both sides.")
  public List<TagScore> tags;

  @JsonPropertyDescription("The cases whose scores differ, with the reason class of the lower side.")
  public List<CaseDifference> differences;

  @JsonPropertyDescription("Why the rollout was rejected or rolled back, in words.")
  public String reason;

  @JsonPropertyDescription("When the current phase (or canary step) began, RFC 3339.")
  public String phaseStartedAt;
}
