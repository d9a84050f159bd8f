package dev.spillway.operator.dependents;

import dev.spillway.api.v1alpha1.Router;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The address applications call. */
@KubernetesDependent(informer = @Informer(labelSelector = ProxyNames.MANAGED_SELECTOR))
public final class ServiceDependent extends ProxyDependent<Service> {
  public ServiceDependent() {
    super(Service.class);
  }

  @Override
  protected Service build(Router router, ProxyPlan plan) {
    return ProxyService.desired(router);
  }
}
