package dev.spillway.compiler;

import dev.spillway.api.v1alpha1.Consumer;
import dev.spillway.api.v1alpha1.LogicalModel;
import dev.spillway.api.v1alpha1.ProviderAccount;
import dev.spillway.api.v1alpha1.RoutingPolicy;
import java.util.List;

/**
 * Everything the compiler reads: the Spillway resources of one namespace (or folder) and which
 * Secret keys exist there (with the values of consumer keys, to digest).
 *
 * @param source namespace or folder the resources came from, recorded in the config
 */
public record ResourceSet(
    String source,
    List<ProviderAccount> accounts,
    List<LogicalModel> models,
    List<RoutingPolicy> policies,
    List<Consumer> consumers,
    SecretCatalog secrets) {

  public ResourceSet {
    accounts = List.copyOf(accounts);
    models = List.copyOf(models);
    policies = List.copyOf(policies);
    consumers = List.copyOf(consumers);
    secrets = secrets == null ? SecretCatalog.empty() : secrets;
  }

  /** A set without consumers. */
  public ResourceSet(String source, List<ProviderAccount> accounts, List<LogicalModel> models,
      List<RoutingPolicy> policies, SecretCatalog secrets) {
    this(source, accounts, models, policies, List.of(), secrets);
  }
}
