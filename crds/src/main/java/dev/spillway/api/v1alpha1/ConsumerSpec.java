package dev.spillway.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConsumerSpec {
  @JsonPropertyDescription("The consumer's API keys, each read from a Secret; only their hashes reach the"
      + " proxies. Several may be valid at once: to rotate, add the new key, move clients, then give the old"
      + " one an expiresAt (or remove it).")
  public List<ConsumerKey> keys;

  @JsonPropertyDescription("LogicalModels this consumer may call; unset or empty allows every model.")
  public List<String> allowedModels;

  @JsonPropertyDescription("RoutingPolicies this consumer's calls may be routed by (\"default\" is the built-in"
      + " policy used when none matches); unset or empty allows every policy.")
  public List<String> allowedPolicies;

  @JsonPropertyDescription("Requests and tokens per minute for this consumer alone, on each proxy replica.")
  public Limits limits;

  @JsonPropertyDescription("Spend budgets, at most one per period.")
  public List<ConsumerBudget> budgets;

  @JsonPropertyDescription("Labels recorded with every call of this consumer (traces and access log), e.g."
      + " team, cost-center.")
  public Map<String, String> attributes;
}
