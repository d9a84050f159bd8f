package dev.spillway.config;

import dev.spillway.config.rollout.ActiveRollout;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One immutable snapshot of everything a proxy needs to route.
 *
 * @param version content version: a hash of everything below, equal for equal content
 * @param source where the resources came from (namespace or folder), for logs and status
 * @param accounts provider accounts by name
 * @param models logical models by name
 * @param policies routing policies, highest priority first
 * @param defaultPolicy applies when no policy matches: routes to the requested model
 * @param rollouts the ModelRollouts in shadow or canary, by name: a canary's candidate is also
 *     among its model's targets, where the proxies give it its share of calls
 */
public record RouterConfig(
    String version,
    String source,
    Map<String, AccountConfig> accounts,
    Map<String, ModelConfig> models,
    List<PolicyConfig> policies,
    PolicyConfig defaultPolicy,
    Map<String, ActiveRollout> rollouts) {

  public RouterConfig {
    accounts = Immutables.sortedMap(accounts);
    models = Immutables.sortedMap(models);
    policies = Immutables.list(policies);
    rollouts = Immutables.sortedMap(rollouts);
  }

  /** Without rollouts in shadow or canary. */
  public RouterConfig(String version, String source, Map<String, AccountConfig> accounts,
      Map<String, ModelConfig> models, List<PolicyConfig> policies, PolicyConfig defaultPolicy) {
    this(version, source, accounts, models, policies, defaultPolicy, Map.of());
  }

  /** The same config under another version. */
  public RouterConfig withVersion(String newVersion) {
    return new RouterConfig(newVersion, source, accounts, models, policies, defaultPolicy, rollouts);
  }

  public Optional<ModelConfig> model(String name) {
    return Optional.ofNullable(models.get(name));
  }

  public AccountConfig account(String name) {
    return accounts.get(name);
  }
}
