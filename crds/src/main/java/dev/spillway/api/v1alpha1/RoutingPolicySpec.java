package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class RoutingPolicySpec {
  @Required
  @JsonPropertyDescription(
      "Evaluation order: higher first, the first matching policy wins. Must be unique in the namespace.")
  public Integer priority;

  @JsonPropertyDescription("Which requests this policy applies to; empty matches every request.")
  public PolicyMatch match;

  @JsonPropertyDescription(
      "Where matching requests go. Unset routes to the logical model the request names.")
  public Route route;

  @Min(0)
  @JsonPropertyDescription(
      "Most fallbacks after the primary attempt (default: every candidate may be tried).")
  public Integer maxFallbackDepth;

  @Min(1)
  @JsonPropertyDescription(
      "Worst target tier that may serve (1 the best). Fails loudly rather than serve a worse tier.")
  public Integer minTier;

  @JsonPropertyDescription(
      "When a provider refuses a call under its content policy (OpenAI content_filter, Gemini safety"
          + " blocks, Anthropic refusals, Bedrock guardrails): true moves the call to the next candidate,"
          + " false (default) answers the refusal to the client.")
  public Boolean contentPolicyFallback;

  @JsonPropertyDescription("Timeouts that override the accounts' for matching requests.")
  public Timeouts timeouts;

  @JsonPropertyDescription("Thresholds that demote a target.")
  public Triggers triggers;

  @JsonPropertyDescription("Circuit breaker per target.")
  public CircuitBreakerSpec circuitBreaker;

  @JsonPropertyDescription("Retries on the same target before moving on.")
  public RetrySpec retry;

  @JsonPropertyDescription("Send the request to a second target when the first is slow.")
  public HedgeSpec hedge;

  @JsonPropertyDescription("Keep a user on the same target.")
  public StickinessSpec stickiness;

  @JsonPropertyDescription("Split traffic by weight across targets, sticky per user.")
  public ExperimentSpec experiment;

  @JsonPropertyDescription("Weights of the candidate score.")
  public ScoringWeights scoring;

  @JsonPropertyDescription("Checks on every answer, and drift detection per target.")
  public QualitySpec quality;

  @JsonPropertyDescription(
      "Long-running jobs (video generation): time to first progress and in total at one target"
          + " before the job is resubmitted to the next, and the polling interval.")
  public JobsSpec jobs;

  @JsonPropertyDescription(
      "Fallbacks named at the call site (body 'fallbacks' or header x-spillway-fallbacks): allowed"
          + " or not, and which models.")
  public CallerFallbacksSpec callerFallbacks;

  @JsonPropertyDescription("Regions: which are tried first (default: the Router's own) and which alone may"
      + " serve (data residency; default: every region).")
  public RegionsSpec regions;
}
