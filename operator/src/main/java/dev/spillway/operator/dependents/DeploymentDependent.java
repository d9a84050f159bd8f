package dev.spillway.operator.dependents;

import dev.spillway.api.v1alpha1.Router;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The proxy pods, with the serving config's Secrets mounted. */
@KubernetesDependent(informer = @Informer(labelSelector = ProxyNames.MANAGED_SELECTOR))
public final class DeploymentDependent extends ProxyDependent<Deployment> {
  public DeploymentDependent() {
    super(Deployment.class);
  }

  @Override
  protected Deployment build(Router router, ProxyPlan plan) {
    return ProxyDeployment.desired(router, plan.image(), plan.secretNames());
  }
}
