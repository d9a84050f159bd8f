package dev.spillway.operator.router;

import dev.spillway.api.v1alpha1.Consumer;
import dev.spillway.api.v1alpha1.LogicalModel;
import dev.spillway.api.v1alpha1.LogicalModelStatus;
import dev.spillway.api.v1alpha1.ProviderAccount;
import dev.spillway.api.v1alpha1.ProviderAccountStatus;
import dev.spillway.api.v1alpha1.RoutingPolicy;
import dev.spillway.api.v1alpha1.RoutingPolicyStatus;
import dev.spillway.compiler.ResourceSet;
import dev.spillway.config.RouterConfig;
import dev.spillway.operator.stats.LiveConsumers;
import dev.spillway.operator.stats.LiveNumbers;
import dev.spillway.operator.status.ResourceVerdicts;
import dev.spillway.operator.status.StatusWriter;
import java.time.Clock;

/**
 * Writes the status of every resource in a served namespace: the compile's verdict as conditions,
 * plus the live numbers of the replicas (each kept from the previous status while nothing new is
 * known of it, so a scrape gap or a quiet window does not blank them).
 */
final class ResourceStatusUpdater {
  private final StatusWriter writer;
  private final ConsumerStatusBuilder consumerStatus;

  ResourceStatusUpdater(StatusWriter writer, Clock clock) {
    this.writer = writer;
    this.consumerStatus = new ConsumerStatusBuilder(clock);
  }

  /**
   * @param live what the replicas did since the previous scrape
   * @param consumers each consumer's totals over the replicas
   */
  void update(ResourceSet resources, ResourceVerdicts verdicts, LiveNumbers live, LiveConsumers consumers,
      RouterConfig serving) {
    for (Consumer consumer : resources.consumers()) {
      writer.write(consumer, consumerStatus.build(consumer, verdicts, consumers, serving));
    }
    for (RoutingPolicy policy : resources.policies()) {
      RoutingPolicyStatus status = new RoutingPolicyStatus();
      status.conditions = verdicts.of(policy).conditions();
      RoutingPolicyStatus before = policy.getStatus();
      live.policy(policy.getMetadata().getName()).ifPresentOrElse(numbers -> {
        status.matched = numbers.matched();
        status.successRate = numbers.successRate();
        status.errorRate = numbers.errorRate();
      }, () -> {
        if (before != null) {
          status.matched = before.matched;
          status.successRate = before.successRate;
          status.errorRate = before.errorRate;
        }
      });
      writer.write(policy, status);
    }
    for (ProviderAccount account : resources.accounts()) {
      ProviderAccountStatus status = new ProviderAccountStatus();
      status.conditions = verdicts.of(account).conditions();
      ProviderAccountStatus before = account.getStatus() == null ? new ProviderAccountStatus() : account.getStatus();
      LiveNumbers.AccountNumbers numbers = live.account(account.getMetadata().getName(), serving)
          .orElse(new LiveNumbers.AccountNumbers(null, null, null, null, null, null));
      status.health = orBefore(numbers.health(), before.health);
      status.errorRate = orBefore(numbers.errorRate(), before.errorRate);
      status.latencyP95Ms = orBefore(numbers.latencyP95Ms(), before.latencyP95Ms);
      status.circuit = orBefore(numbers.circuit(), before.circuit);
      status.spendUsd = orBefore(numbers.spendUsd(), before.spendUsd);
      status.budgetRemainingUsd = orBefore(numbers.budgetRemainingUsd(), before.budgetRemainingUsd);
      writer.write(account, status);
    }
    for (LogicalModel model : resources.models()) {
      LogicalModelStatus status = new LogicalModelStatus();
      status.conditions = verdicts.of(model).conditions();
      LogicalModelStatus before = model.getStatus();
      status.servingTarget = live.servingTarget(serving, model.getMetadata().getName())
          .orElse(before == null ? null : before.servingTarget);
      writer.write(model, status);
    }
  }

  private static <T> T orBefore(T now, T before) {
    return now != null ? now : before;
  }
}
