package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class RouterSpec {
  @JsonPropertyDescription("Proxy replicas (default 2). Ignored while autoscaling is set.")
  public Integer replicas;

  @JsonPropertyDescription("Proxy image (default: the operator's matching proxy image).")
  public String image;

  @JsonPropertyDescription("CPU and memory of each proxy container.")
  public ResourceRequirements resources;

  @JsonPropertyDescription("How the proxy is exposed.")
  public ServiceSpec service;

  @JsonPropertyDescription("Traces, metrics and access logs.")
  public TelemetrySpec telemetry;

  @JsonPropertyDescription(
      "Namespace whose LogicalModels, ProviderAccounts and RoutingPolicies this router serves"
          + " (default: the Router's own).")
  public String watchNamespace;

  @JsonPropertyDescription("Largest accepted request body in bytes (default 10485760).")
  public Long maxRequestBodyBytes;

  @JsonPropertyDescription("HorizontalPodAutoscaler for the proxy; unset means a fixed replica count.")
  public AutoscalingSpec autoscaling;

  @JsonPropertyDescription("PodDisruptionBudget for the proxy; unset means none.")
  public DisruptionBudgetSpec disruptionBudget;

  @JsonPropertyDescription("Redis (or Valkey) the proxy replicas share limits, budgets, open circuits, health"
      + " marks and drift alarms through; unset means each replica keeps its own.")
  public SharedStateSpec sharedState;

  @JsonPropertyDescription("The region this router runs in, e.g. eu-west-1: what a RoutingPolicy's"
      + " regions.prefer: [local] means. Unset: only regions a policy names are preferred.")
  @Pattern("^[a-z0-9]+(-[a-z0-9]+)*$")
  public String region;

  @JsonPropertyDescription("Credentials for the proxies' admin port; unset means none (only the NetworkPolicy the"
      + " operator writes keeps others out).")
  public AdminSpec admin;
}
