package dev.spillway.compiler;

import dev.spillway.api.v1alpha1.Endpoint;
import dev.spillway.api.v1alpha1.ProviderKind;
import dev.spillway.config.CapabilitySet;
import dev.spillway.config.TargetConfig;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which endpoints a model and each target serve. A target inherits the model's list narrowed to
 * what its provider has (an Anthropic fallback of an embeddings model is simply not tried for
 * embeddings); a list a target names itself, or a model endpoint no target's provider has, is a
 * config error, since no call to it could ever be served.
 */
final class EndpointChecks {
  private EndpointChecks() {}

  /** The endpoints a capabilities block lists, or {@code base} when it lists none. */
  static Set<Endpoint> listed(String field, List<Endpoint> given, Set<Endpoint> base, FieldChecker check) {
    if (given == null) {
      return base;
    }
    if (given.isEmpty() || given.stream().anyMatch(java.util.Objects::isNull)) {
      check.report(field, "must list the endpoints served, each one of " + names(EnumSet.allOf(Endpoint.class)));
      return base;
    }
    Set<Endpoint> endpoints = EnumSet.copyOf(given);
    if (endpoints.size() < given.size()) {
      check.report(field, "lists an endpoint twice: " + given.stream().map(Endpoint::wireName).toList());
    }
    return endpoints;
  }

  /**
   * The target's capabilities, serving only what its provider has; an endpoint the target lists
   * itself that the provider lacks is reported.
   *
   * @param ownList whether the target set {@code capabilities.endpoints} itself
   * @param provider the account's provider, or null when the account is unknown (reported elsewhere)
   */
  static CapabilitySet forProvider(
      String field, CapabilitySet capabilities, boolean ownList, ProviderKind provider, FieldChecker check) {
    if (provider == null) {
      return capabilities;
    }
    Set<Endpoint> lacking = capabilities.endpoints().stream().filter(e -> !provider.serves(e))
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Endpoint.class)));
    if (lacking.isEmpty()) {
      return capabilities;
    }
    if (ownList) {
      check.report(field, "provider " + provider.wireName() + " has no " + names(lacking) + " API: it serves "
          + names(served(provider)));
    }
    Set<Endpoint> kept = EnumSet.copyOf(capabilities.endpoints());
    kept.removeAll(lacking);
    return capabilities.serving(kept);
  }

  /** Each endpoint the model lists must be served by one of its targets, or no call to it could be. */
  static void servedByATarget(String field, Set<Endpoint> listed, List<TargetConfig> targets,
      Map<String, ProviderKind> providers, FieldChecker check) {
    for (Endpoint endpoint : listed) {
      if (!targets.isEmpty() && targets.stream().noneMatch(t -> t.capabilities().endpoints().contains(endpoint))) {
        check.report(field, "lists " + endpoint.wireName() + " but no target's provider has that API ("
            + targets.stream().map(t -> t.account() + ": " + wireName(providers.get(t.account())))
                .distinct().collect(Collectors.joining(", ")) + ")");
      }
    }
  }

  private static Set<Endpoint> served(ProviderKind provider) {
    return Arrays.stream(Endpoint.values()).filter(provider::serves)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Endpoint.class)));
  }

  private static String wireName(ProviderKind provider) {
    return provider == null ? "unknown" : provider.wireName();
  }

  static String names(Set<Endpoint> endpoints) {
    return endpoints.stream().map(Endpoint::wireName).collect(Collectors.joining(", "));
  }
}
