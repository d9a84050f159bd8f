package dev.spillway.operator.resources;

import dev.spillway.api.v1alpha1.RoutingPolicy;
import dev.spillway.api.v1alpha1.RoutingPolicyStatus;
import dev.spillway.operator.serving.Served;
import dev.spillway.operator.serving.ServedNamespaces;
import dev.spillway.operator.stats.LiveNumbers.PolicyNumbers;
import dev.spillway.operator.status.StandaloneVerdict;
import dev.spillway.operator.status.Verdict;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import java.time.Clock;
import java.util.Optional;

/** RoutingPolicy status: verdict, and how many calls it matched and how they ended. */
@ControllerConfiguration(name = "routingpolicy-status")
public final class RoutingPolicyStatusReconciler
    extends ResourceStatusReconciler<RoutingPolicy, RoutingPolicyStatus> {

  public RoutingPolicyStatusReconciler(ServedNamespaces served, StandaloneVerdict standalone, Clock clock) {
    super(served, standalone, clock);
  }

  @Override
  RoutingPolicyStatus status(RoutingPolicy policy, Verdict verdict, Optional<Served> pass) {
    RoutingPolicyStatus status = new RoutingPolicyStatus();
    status.conditions = verdict.conditions();
    RoutingPolicyStatus before = policy.getStatus() == null ? new RoutingPolicyStatus() : policy.getStatus();
    Optional<PolicyNumbers> numbers = pass.flatMap(p -> p.window().policy(policy.getMetadata().getName()));
    status.matched = numbers.map(PolicyNumbers::matched).orElse(before.matched);
    status.successRate = numbers.map(PolicyNumbers::successRate).orElse(before.successRate);
    status.errorRate = numbers.map(PolicyNumbers::errorRate).orElse(before.errorRate);
    return status;
  }
}
