package dev.spillway.operator;

import dev.spillway.operator.resources.ConsumerStatusReconciler;
import dev.spillway.operator.resources.LogicalModelStatusReconciler;
import dev.spillway.operator.resources.ProviderAccountStatusReconciler;
import dev.spillway.operator.resources.RoutingPolicyStatusReconciler;
import dev.spillway.operator.router.NamespaceWatch;
import dev.spillway.operator.router.RouterMemory;
import dev.spillway.operator.router.RouterMetrics;
import dev.spillway.operator.rollout.HttpProxyAdmin;
import dev.spillway.operator.rollout.ModelRolloutReconciler;
import dev.spillway.operator.router.RouterReconciler;
import dev.spillway.operator.serving.ServedNamespaces;
import dev.spillway.operator.stats.ProxyScraper;
import dev.spillway.operator.stats.ReplicaScrape;
import dev.spillway.operator.status.EventRecorder;
import dev.spillway.operator.status.StandaloneVerdict;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/**
 * The JOSDK operator with Spillway's controllers — the Router controller and one status controller
 * per resource kind, sharing what each Router's pass found — configured the way tests and
 * production share: no server-side apply for primaries or dependents (the Fabric8 mock API server
 * has none; docs/architecture.md, "Testing without a cluster"), Micrometer metrics, and leader
 * election when a lease namespace is given.
 */
public final class SpillwayOperator implements AutoCloseable {
  private final Operator operator;
  private final RouterMemory memory;

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
    EventRecorder events = new EventRecorder(client, clock);
    ServedNamespaces served = new ServedNamespaces();
    StandaloneVerdict standalone = new StandaloneVerdict();
    memory = new RouterMemory(events, clock);
    AdminAuthorization admin = new AdminAuthorization(client);
    operator.register(new RouterReconciler(new NamespaceWatch(settings.secretScope()), settings, ReplicaScrape.of(client, new ProxyScraper(settings.proxyPort()), admin),
        served, memory, events, new RouterMetrics(metrics), clock));
    operator.register(new LogicalModelStatusReconciler(served, standalone, clock));
    operator.register(new ProviderAccountStatusReconciler(served, standalone, clock));
    operator.register(new RoutingPolicyStatusReconciler(served, standalone, clock));
    operator.register(new ConsumerStatusReconciler(served, standalone, clock));
    operator.register(new ModelRolloutReconciler(client, settings.secretScope(), new HttpProxyAdmin(settings.proxyPort(), admin::ofPod), clock));
  }

  public void start() {
    operator.start();
  }

  /** Started, and every informer connected: what /readyz reports. */
  public boolean healthy() {
    return operator.getRuntimeInfo().isStarted() && operator.getRuntimeInfo().allEventSourcesAreHealthy();
  }

  /** The Routers the operator keeps state for: none left behind by a deleted Router. */
  public RouterMemory memory() {
    return memory;
  }

  @Override
  public void close() {
    operator.stop();
  }
}
