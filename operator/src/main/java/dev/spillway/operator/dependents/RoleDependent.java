package dev.spillway.operator.dependents;

import dev.spillway.api.v1alpha1.Router;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** What the proxy may read: its own ConfigMap and its models' and accounts' status ({@link ProxyRbac}). */
@KubernetesDependent(informer = @Informer(labelSelector = ProxyNames.MANAGED_SELECTOR))
public final class RoleDependent extends ProxyDependent<Role> {
  public RoleDependent() {
    super(Role.class);
  }

  @Override
  protected Role build(Router router, ProxyPlan plan) {
    return ProxyRbac.role(router);
  }
}
