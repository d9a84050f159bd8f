package dev.spillway.operator.resources;

import dev.spillway.api.v1alpha1.ProviderAccount;
import dev.spillway.api.v1alpha1.ProviderAccountStatus;
import dev.spillway.operator.serving.Served;
import dev.spillway.operator.serving.ServedNamespaces;
import dev.spillway.operator.stats.LiveNumbers.AccountNumbers;
import dev.spillway.operator.status.StandaloneVerdict;
import dev.spillway.operator.status.Verdict;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import java.time.Clock;
import java.util.Optional;

/**
 * ProviderAccount status: verdict, health, latency, circuits and spend; each number kept from the
 * previous status while nothing new is known of it, so a scrape gap or a quiet window does not
 * blank it.
 */
@ControllerConfiguration(name = "provideraccount-status")
public final class ProviderAccountStatusReconciler
    extends ResourceStatusReconciler<ProviderAccount, ProviderAccountStatus> {
  private static final AccountNumbers UNKNOWN = new AccountNumbers(null, null, null, null, null, null, null);

  public ProviderAccountStatusReconciler(ServedNamespaces served, StandaloneVerdict standalone, Clock clock) {
    super(served, standalone, clock);
  }

  @Override
  ProviderAccountStatus status(ProviderAccount account, Verdict verdict, Optional<Served> pass) {
    ProviderAccountStatus status = new ProviderAccountStatus();
    status.conditions = verdict.conditions();
    ProviderAccountStatus before = account.getStatus() == null ? new ProviderAccountStatus() : account.getStatus();
    AccountNumbers numbers = pass
        .flatMap(p -> p.window().account(account.getMetadata().getName(), p.serving()))
        .orElse(UNKNOWN);
    status.health = orBefore(numbers.health(), before.health);
    status.errorRate = orBefore(numbers.errorRate(), before.errorRate);
    status.latencyP95Ms = orBefore(numbers.latencyP95Ms(), before.latencyP95Ms);
    status.circuit = orBefore(numbers.circuit(), before.circuit);
    status.spendUsd = orBefore(numbers.spendUsd(), before.spendUsd);
    status.budgetRemainingUsd = orBefore(numbers.budgetRemainingUsd(), before.budgetRemainingUsd);
    status.healthCheck = orBefore(numbers.healthCheck(), before.healthCheck);
    return status;
  }
}
