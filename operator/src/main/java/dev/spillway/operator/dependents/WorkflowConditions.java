package dev.spillway.operator.dependents;

import dev.spillway.api.v1alpha1.Router;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * When an optional dependent is wanted. These are reconcile preconditions, not activation
 * conditions: a precondition that turns false deletes the object (autoscaling switched off removes
 * the HPA), while an activation condition is about whether the cluster serves the kind at all and
 * switches the informer off for every Router.
 */
public final class WorkflowConditions {
  private WorkflowConditions() {}

  /** A config has compiled at least once: until then there is nothing to publish. */
  public static final class HasConfig implements Condition<Object, Router> {
    @Override
    public boolean isMet(DependentResource<Object, Router> dependent, Router router, Context<Router> context) {
      return ProxyPlan.of(context).serving() != null;
    }
  }

  /** {@code spec.autoscaling} is set. */
  public static final class AutoscalingWanted implements Condition<Object, Router> {
    @Override
    public boolean isMet(DependentResource<Object, Router> dependent, Router router, Context<Router> context) {
      return ProxyScaling.autoscaler(router).isPresent();
    }
  }

  /** {@code spec.disruptionBudget} is set. */
  public static final class DisruptionBudgetWanted implements Condition<Object, Router> {
    @Override
    public boolean isMet(DependentResource<Object, Router> dependent, Router router, Context<Router> context) {
      return ProxyScaling.disruptionBudget(router).isPresent();
    }
  }

  /** The operator knows who may reach the admin port (the chart's NetworkPolicy values are on). */
  public static final class NetworkPolicyWanted implements Condition<Object, Router> {
    @Override
    public boolean isMet(DependentResource<Object, Router> dependent, Router router, Context<Router> context) {
      return ProxyPlan.of(context).adminPeers().isPresent();
    }
  }
}
