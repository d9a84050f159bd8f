package dev.spillway.operator.dependents;

import dev.spillway.api.v1alpha1.Router;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The published config (only once a config has compiled: never an empty one). */
@KubernetesDependent(informer = @Informer(labelSelector = ProxyNames.MANAGED_SELECTOR))
public final class ConfigMapDependent extends ProxyDependent<ConfigMap> {
  public ConfigMapDependent() {
    super(ConfigMap.class);
  }

  @Override
  protected ConfigMap build(Router router, ProxyPlan plan) {
    return ProxyConfigMap.desired(router, plan.serving());
  }
}
