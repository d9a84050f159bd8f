package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ProviderAccountStatus extends ResourceStatus {
  @JsonPropertyDescription("Healthy, Degraded or Unhealthy, aggregated over the proxy replicas.")
  public String health;

  @JsonPropertyDescription("95th percentile latency of recent calls, in milliseconds.")
  public Double latencyP95Ms;

  @JsonPropertyDescription("Fraction of recent calls that failed.")
  public Double errorRate;

  @JsonPropertyDescription("Circuit breaker states of this account's targets, e.g. closed, open.")
  public String circuit;

  @JsonPropertyDescription("Spend in the current budget period, in US dollars.")
  public Double spendUsd;

  @JsonPropertyDescription("Budget left in the current period, in US dollars.")
  public Double budgetRemainingUsd;

  @JsonPropertyDescription(
      "What the active health checks (spec.healthCheck) found: passing, or failing with the reason"
          + " (the account is skipped by every decision until its probes pass again).")
  public String healthCheck;
}
