package dev.spillway.operator.router;

import dev.spillway.api.v1alpha1.Router;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import java.util.Comparator;
import java.util.Optional;

/**
 * One Router per served namespace: the oldest (by creation time, then namespace and name) of those
 * serving it and not being deleted. Decided from the Router cache on every pass, so it holds across
 * operator restarts and in whatever order Routers are reconciled; the others say so in their
 * conditions and run no proxies.
 */
final class NamespaceOwner {
  private static final Comparator<Router> SENIORITY = Comparator
      .comparing((Router r) -> r.getMetadata().getCreationTimestamp(), Comparator.nullsLast(Comparator.naturalOrder()))
      .thenComparing(r -> r.getMetadata().getNamespace())
      .thenComparing(r -> r.getMetadata().getName());

  private NamespaceOwner() {}

  /** The namespace a Router serves: its own unless it names another. */
  static String servedNamespace(Router router) {
    String named = router.getSpec() == null ? null : router.getSpec().watchNamespace;
    return named == null || named.isBlank() ? router.getMetadata().getNamespace() : named;
  }

  static Optional<Router> of(IndexedResourceCache<Router> routers, String namespace) {
    return routers.list()
        .filter(r -> r.getMetadata().getDeletionTimestamp() == null)
        .filter(r -> namespace.equals(servedNamespace(r)))
        .min(SENIORITY);
  }
}
