package dev.spillway.operator;

import dev.spillway.operator.rollout.HttpProxyAdmin;
import dev.spillway.operator.rollout.ModelRolloutReconciler;
import dev.spillway.operator.router.RouterReconciler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/**
 * The JOSDK operator with Spillway's controllers, configured the way tests and production share:
 * no server-side apply (DESIGN §6: the Fabric8 mock server has none, and merge patches are what the
 * controllers send), Micrometer metrics, and leader election when a lease namespace is given.
 */
public final class SpillwayOperator implements AutoCloseable {
  private final Operator operator;

  public SpillwayOperator(KubernetesClient client, OperatorSettings settings, MeterRegistry metrics, Clock clock) {
    this.operator = new Operator(overrider -> {
      overrider.withKubernetesClient(client)
          .withUseSSAToPatchPrimaryResource(false)
          .withSSABasedCreateUpdateMatchForDependentResources(false)
          .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(metrics))
          .withCloseClientOnStop(false);
      settings.leaseNamespace().ifPresent(namespace -> overrider.withLeaderElectionConfiguration(
          new LeaderElectionConfiguration(OperatorSettings.LEASE_NAME, namespace)));
    });
    operator.register(new RouterReconciler(client, settings, clock));
    operator.register(new ModelRolloutReconciler(client, new HttpProxyAdmin(settings.proxyPort()), clock));
  }

  public void start() {
    operator.start();
  }

  /** Started, and every informer connected: what /readyz reports. */
  public boolean healthy() {
    return operator.getRuntimeInfo().isStarted() && operator.getRuntimeInfo().allEventSourcesAreHealthy();
  }

  @Override
  public void close() {
    operator.stop();
  }
}
