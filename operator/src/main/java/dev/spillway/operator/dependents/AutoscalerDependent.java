package dev.spillway.operator.dependents;

import dev.spillway.api.v1alpha1.Router;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The HPA, while the Router asks for autoscaling (deleted when it stops asking). */
@KubernetesDependent(informer = @Informer(labelSelector = ProxyNames.MANAGED_SELECTOR))
public final class AutoscalerDependent extends ProxyDependent<HorizontalPodAutoscaler> {
  public AutoscalerDependent() {
    super(HorizontalPodAutoscaler.class);
  }

  @Override
  protected HorizontalPodAutoscaler build(Router router, ProxyPlan plan) {
    return ProxyScaling.autoscaler(router).orElseThrow();
  }
}
