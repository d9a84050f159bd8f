package dev.spillway.operator.dependents;

import dev.spillway.api.v1alpha1.Router;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The proxy pods' identity. */
@KubernetesDependent(informer = @Informer(labelSelector = ProxyNames.MANAGED_SELECTOR))
public final class ServiceAccountDependent extends ProxyDependent<ServiceAccount> {
  public ServiceAccountDependent() {
    super(ServiceAccount.class);
  }

  @Override
  protected ServiceAccount build(Router router, ProxyPlan plan) {
    return ProxyRbac.serviceAccount(router);
  }
}
