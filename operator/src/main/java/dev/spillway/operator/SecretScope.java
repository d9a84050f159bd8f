package dev.spillway.operator;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which Secrets the operator may see. It never watches every Secret of the cluster: its informer
 * selects only Secrets labelled {@value #LABEL}{@code =true} (provider credentials and consumer
 * keys, labelled by whoever creates them), so service-account tokens, TLS keys and other teams'
 * Secrets never reach its cache. RBAC cannot filter by label, so the chart can also narrow the
 * grant itself to a list of namespaces (Roles there instead of a cluster-wide rule); the informer
 * then watches only those namespaces.
 *
 * @param namespaces where Secrets are read; empty means every namespace (a cluster-wide grant)
 */
public record SecretScope(Set<String> namespaces) {
  public static final String LABEL = "spillway.dev/credentials";
  public static final String SELECTOR = LABEL + "=true";
  static final String NAMESPACES_VARIABLE = "SPILLWAY_SECRET_NAMESPACES";

  public SecretScope {
    namespaces = Set.copyOf(namespaces);
  }

  public static SecretScope everyNamespace() {
    return new SecretScope(Set.of());
  }

  /** A comma-separated list of namespaces, as the chart renders {@code secretNamespaces}. */
  static SecretScope fromEnv(Map<String, String> env) {
    return new SecretScope(Arrays.stream(env.getOrDefault(NAMESPACES_VARIABLE, "").split(","))
        .map(String::strip).filter(ns -> !ns.isEmpty()).collect(Collectors.toSet()));
  }

  /** Whether the operator can see a namespace's Secrets at all (to say why one looks missing). */
  public boolean covers(String namespace) {
    return namespaces.isEmpty() || namespaces.contains(namespace);
  }

  /** The labelled Secrets of a namespace; none where the operator has no grant. */
  public List<Secret> list(KubernetesClient client, String namespace) {
    if (!covers(namespace)) {
      return List.of();
    }
    return client.secrets().inNamespace(namespace).withLabel(LABEL, "true").list().getItems();
  }

  /**
   * Said after "Secret X does not exist" when the operator compiles: the Secret may exist but be
   * invisible to it.
   */
  public String absenceHint(String namespace) {
    if (!covers(namespace)) {
      return " (the operator may read Secrets only in namespaces " + new java.util.TreeSet<>(namespaces)
          + ": add this one to the chart's secretNamespaces)";
    }
    return " (the operator reads only Secrets labelled " + SELECTOR + ")";
  }
}
