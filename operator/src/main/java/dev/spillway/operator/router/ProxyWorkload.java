package dev.spillway.operator.router;

import dev.spillway.api.v1alpha1.Router;
import dev.spillway.config.AccountConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.operator.OperatorSettings;
import dev.spillway.operator.dependents.DependentApplier;
import dev.spillway.operator.dependents.ProxyDeployment;
import dev.spillway.operator.dependents.ProxyNames;
import dev.spillway.operator.dependents.ProxyNetworkPolicy;
import dev.spillway.operator.dependents.ProxyRbac;
import dev.spillway.operator.dependents.ProxyScaling;
import dev.spillway.operator.dependents.ProxyService;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Applies a Router's proxy objects: who may reach them and their identity first, then Service,
 * Deployment, scaling.
 */
final class ProxyWorkload {
  private ProxyWorkload() {}

  /** @param serving the config the proxies serve; its Secrets are mounted (none while null) */
  static void apply(DependentApplier applier, Router router, OperatorSettings settings, RouterConfig serving) {
    settings.networkPolicy().ifPresent(policy -> applier.apply(
        ProxyNetworkPolicy.desired(router, policy.operatorNamespace(), policy.prometheus())));
    applier.apply(ProxyRbac.serviceAccount(router));
    applier.apply(ProxyRbac.role(router));
    applier.apply(ProxyRbac.roleBinding(router));
    applier.apply(ProxyService.desired(router));
    applier.apply(ProxyDeployment.desired(router, settings.proxyImage(), secretNames(serving)));
    ProxyScaling.autoscaler(router).ifPresentOrElse(applier::apply, () -> applier.remove(unwanted(
        new HorizontalPodAutoscaler(), router)));
    ProxyScaling.disruptionBudget(router).ifPresentOrElse(applier::apply, () -> applier.remove(unwanted(
        new PodDisruptionBudget(), router)));
  }

  static SortedSet<String> secretNames(RouterConfig serving) {
    SortedSet<String> names = new TreeSet<>();
    if (serving != null) {
      for (AccountConfig account : serving.accounts().values()) {
        if (account.credentials() != null) {
          names.add(account.credentials().name());
        }
      }
    }
    return names;
  }

  private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T unwanted(T kind, Router router) {
    kind.setMetadata(new ObjectMetaBuilder().withName(ProxyNames.workload(router))
        .withNamespace(router.getMetadata().getNamespace()).build());
    return kind;
  }
}
