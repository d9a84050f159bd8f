package dev.spillway.operator.dependents;

import dev.spillway.api.v1alpha1.Router;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** Grants the Role to the proxy's ServiceAccount. */
@KubernetesDependent(informer = @Informer(labelSelector = ProxyNames.MANAGED_SELECTOR))
public final class RoleBindingDependent extends ProxyDependent<RoleBinding> {
  public RoleBindingDependent() {
    super(RoleBinding.class);
  }

  @Override
  protected RoleBinding build(Router router, ProxyPlan plan) {
    return ProxyRbac.roleBinding(router);
  }
}
