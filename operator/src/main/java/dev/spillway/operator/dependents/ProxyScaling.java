package dev.spillway.operator.dependents;

import dev.spillway.api.v1alpha1.AutoscalingSpec;
import dev.spillway.api.v1alpha1.DisruptionBudgetSpec;
import dev.spillway.api.v1alpha1.Router;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.Optional;

/** The optional HorizontalPodAutoscaler (autoscaling/v2, on CPU) and PodDisruptionBudget. */
public final class ProxyScaling {
  private ProxyScaling() {}

  /** Empty when the Router has no autoscaling: the Deployment's replica count rules. */
  public static Optional<HorizontalPodAutoscaler> autoscaler(Router router) {
    AutoscalingSpec spec = router.getSpec().autoscaling;
    if (spec == null) {
      return Optional.empty();
    }
    return Optional.of(new HorizontalPodAutoscalerBuilder()
        .withMetadata(ProxyNames.meta(router, ProxyNames.workload(router)))
        .withNewSpec()
        .withNewScaleTargetRef("apps/v1", "Deployment", ProxyNames.workload(router))
        .withMinReplicas(orDefault(spec.minReplicas, 2))
        .withMaxReplicas(orDefault(spec.maxReplicas, 10))
        .addNewMetric()
        .withType("Resource")
        .withNewResource()
        .withName("cpu")
        .withNewTarget()
        .withType("Utilization")
        .withAverageUtilization(orDefault(spec.targetCpuUtilizationPercent, 70))
        .endTarget()
        .endResource()
        .endMetric()
        .endSpec()
        .build());
  }

  /** Empty when the Router has no disruption budget. */
  public static Optional<PodDisruptionBudget> disruptionBudget(Router router) {
    DisruptionBudgetSpec spec = router.getSpec().disruptionBudget;
    if (spec == null) {
      return Optional.empty();
    }
    return Optional.of(new PodDisruptionBudgetBuilder()
        .withMetadata(ProxyNames.meta(router, ProxyNames.workload(router)))
        .withNewSpec()
        .withMinAvailable(new IntOrString(orDefault(spec.minAvailable, 1)))
        .withSelector(new LabelSelectorBuilder().withMatchLabels(ProxyNames.selector(router)).build())
        .endSpec()
        .build());
  }

  private static int orDefault(Integer value, int fallback) {
    return value == null ? fallback : value;
  }
}
