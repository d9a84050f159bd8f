package dev.spillway.compiler;

import dev.spillway.api.v1alpha1.LogicalModel;
import dev.spillway.api.v1alpha1.ProviderAccount;
import dev.spillway.api.v1alpha1.RoutingPolicy;
import java.util.List;

/**
 * Everything the compiler reads: the Spillway resources of one namespace (or folder) and which
 * Secret keys exist there.
 *
 * @param source namespace or folder the resources came from, recorded in the config
 */
public record ResourceSet(
    String source,
    List<ProviderAccount> accounts,
    List<LogicalModel> models,
    List<RoutingPolicy> policies,
    SecretCatalog secrets) {

  public ResourceSet {
    accounts = List.copyOf(accounts);
    models = List.copyOf(models);
    policies = List.copyOf(policies);
    secrets = secrets == null ? SecretCatalog.empty() : secrets;
  }
}
