package dev.spillway.compiler;

import dev.spillway.api.v1alpha1.LogicalModel;
import dev.spillway.api.v1alpha1.ProviderAccount;
import dev.spillway.api.v1alpha1.Router;
import dev.spillway.api.v1alpha1.RoutingPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a folder of YAML files holds: Spillway resources, Secrets (standalone mode keeps credentials
 * in the folder or the environment) and the problems met while reading.
 *
 * @param secrets secret name → key → value; values are credentials: never log them
 * @param problems unreadable documents, unknown kinds, missing names
 * @param rollouts the EvalSets, ModelRollouts and ConfigMaps, compiled apart from the router config
 * @param locations {@code Kind/name} → {@code file:line} where the resource's document starts
 */
public record LoadedResources(
    String source,
    List<ProviderAccount> accounts,
    List<LogicalModel> models,
    List<RoutingPolicy> policies,
    List<Router> routers,
    Map<String, Map<String, String>> secrets,
    List<Problem> problems,
    RolloutResources rollouts,
    Map<String, String> locations) {

  public LoadedResources {
    accounts = List.copyOf(accounts);
    models = List.copyOf(models);
    policies = List.copyOf(policies);
    routers = List.copyOf(routers);
    secrets = Map.copyOf(secrets);
    problems = List.copyOf(problems);
    locations = Map.copyOf(locations);
  }

  /** Where a resource was read from ({@code file:line}), if it was read here. */
  public Optional<String> location(String kind, String name) {
    return Optional.ofNullable(locations.get(kind + "/" + name));
  }

  /** The resources to compile, with the folder's Secrets plus any extra ones (e.g. from env). */
  public ResourceSet toResourceSet(SecretCatalog extra) {
    Map<String, Set<String>> keys =
        secrets.entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().keySet()));
    SecretCatalog folder = SecretCatalog.of(keys);
    SecretCatalog both =
        new SecretCatalog() {
          @Override
          public boolean has(String name, String key) {
            return folder.has(name, key) || extra.has(name, key);
          }

          @Override
          public boolean hasSecret(String name) {
            return folder.hasSecret(name) || extra.hasSecret(name);
          }
        };
    return new ResourceSet(source, accounts, models, policies, both);
  }

  @Override
  public String toString() {
    return "LoadedResources[source=" + source + ", accounts=" + accounts.size() + ", models="
        + models.size() + ", policies=" + policies.size() + ", secrets=" + secrets.keySet()
        + ", problems=" + problems + "]";
  }
}
