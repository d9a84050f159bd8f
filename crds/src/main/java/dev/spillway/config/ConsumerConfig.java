package dev.spillway.config;

import java.util.List;
import java.util.Map;

/**
 * A consumer with defaults applied.
 *
 * @param keys its keys as digests only (see {@link ClientKeyDigest})
 * @param allowedModels logical model names it may call; empty allows all
 * @param allowedPolicies policy names its calls may be routed by; empty allows all
 * @param limits null when the consumer has no rate limits
 * @param budgets at most one per period; empty when it has none
 * @param attributes labels recorded with each of its calls
 */
public record ConsumerConfig(
    String name,
    List<ConsumerKeyConfig> keys,
    List<String> allowedModels,
    List<String> allowedPolicies,
    LimitsConfig limits,
    List<BudgetConfig> budgets,
    Map<String, String> attributes) {

  public ConsumerConfig {
    keys = Immutables.list(keys);
    allowedModels = Immutables.list(allowedModels);
    allowedPolicies = Immutables.list(allowedPolicies);
    budgets = Immutables.list(budgets);
    attributes = Immutables.sortedMap(attributes);
  }

  public boolean mayUseModel(String model) {
    return allowedModels.isEmpty() || allowedModels.contains(model);
  }

  public boolean mayUsePolicy(String policy) {
    return allowedPolicies.isEmpty() || allowedPolicies.contains(policy);
  }
}
