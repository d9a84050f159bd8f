package dev.spillway.operator.router;

import dev.spillway.api.v1alpha1.ReplicaStatus;
import dev.spillway.api.v1alpha1.Router;
import dev.spillway.api.v1alpha1.RouterStatus;
import dev.spillway.compiler.CompileResult;
import dev.spillway.config.RouterConfig;
import dev.spillway.operator.dependents.ProxyPlan;
import dev.spillway.operator.stats.ReplicaSample;
import dev.spillway.operator.status.Conditions;
import dev.spillway.operator.status.Conditions.Reason;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import dev.spillway.stats.StatsView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A Router's status: the config published, what each replica has loaded, and three conditions —
 * Accepted (the namespace compiled), Programmed (a config is published), Ready (the proxies are up
 * and all serve the published config).
 */
final class RouterStatusBuilder {
  private RouterStatusBuilder() {}

  static RouterStatus build(Router router, CompileResult result, RouterConfig serving, Deployment deployment,
      List<ReplicaSample> samples) {
    Long generation = router.getMetadata().getGeneration();
    RouterStatus status = new RouterStatus();
    status.configVersion = serving == null ? null : serving.version();
    status.readyReplicas = deployment == null || deployment.getStatus() == null
        || deployment.getStatus().getReadyReplicas() == null ? 0 : deployment.getStatus().getReadyReplicas();
    List<ReplicaStatus> replicas = new ArrayList<>();
    for (ReplicaSample sample : samples) {
      ReplicaStatus replica = new ReplicaStatus();
      replica.pod = sample.pod();
      replica.configVersion = sample.configVersion();
      StatsView.SharedStateStats shared = sample.stats() == null ? null : sample.stats().sharedState();
      replica.sharedState = shared == null ? null : shared.mode().name();
      replicas.add(replica);
    }
    replicas.sort(Comparator.comparing(r -> r.pod));
    status.replicas = replicas;

    List<io.fabric8.kubernetes.api.model.Condition> conditions = new ArrayList<>();
    conditions.add(result.ok()
        ? Conditions.of(Conditions.ACCEPTED, true, Reason.VALID, "Config " + result.config().version()
            + " compiled from namespace " + result.config().source(), generation)
        : Conditions.of(Conditions.ACCEPTED, false, Reason.CONFIG_REJECTED, result.problems().size()
            + " problem(s); see the resources' conditions. First: " + result.problems().get(0), generation));
    conditions.add(secretsReachable(router, serving, generation));
    conditions.add(serving == null
        ? Conditions.of(Conditions.PROGRAMMED, false, Reason.PENDING, "No config published yet", generation)
        : result.ok()
            ? Conditions.of(Conditions.PROGRAMMED, true, Reason.PUBLISHED,
                "Config " + serving.version() + " published", generation)
            : Conditions.of(Conditions.PROGRAMMED, false, Reason.CONFIG_REJECTED,
                "Latest config rejected; proxies keep serving " + serving.version(), generation));
    conditions.add(ready(status, serving, desiredReplicas(deployment), generation));
    if (router.getSpec() != null && router.getSpec().sharedState != null) {
      conditions.add(sharedState(status, generation));
    }
    status.conditions = conditions;
    return status;
  }

  /** The status of a Router that another one, older, already serves its namespace for. */
  static RouterStatus conflict(Router router, Router owner) {
    Long generation = router.getMetadata().getGeneration();
    String message = "Namespace " + NamespaceOwner.servedNamespace(router) + " is served by Router "
        + owner.getMetadata().getNamespace() + "/" + owner.getMetadata().getName()
        + " (the oldest): one Router per namespace, so this one publishes nothing and runs no proxies;"
        + " delete it or point spec.watchNamespace elsewhere";
    RouterStatus status = new RouterStatus();
    status.replicas = List.of();
    status.conditions = List.of(
        Conditions.of(Conditions.ACCEPTED, false, Reason.NAMESPACE_CONFLICT, message, generation),
        Conditions.of(Conditions.PROGRAMMED, false, Reason.NAMESPACE_CONFLICT, message, generation),
        Conditions.of(Conditions.READY, false, Reason.NAMESPACE_CONFLICT, message, generation));
    return status;
  }

  /**
   * Secrets reach the proxy as volumes, and a pod mounts only Secrets of its own namespace: a Router
   * serving another namespace's accounts that need keys cannot give them to its proxies. Said here
   * rather than discovered as 401s at call time.
   */
  private static io.fabric8.kubernetes.api.model.Condition secretsReachable(
      Router router, RouterConfig serving, Long generation) {
    String own = router.getMetadata().getNamespace();
    boolean elsewhere = !own.equals(NamespaceOwner.servedNamespace(router));
    List<String> secrets = List.copyOf(ProxyPlan.secretNames(serving));
    if (elsewhere && !secrets.isEmpty()) {
      return Conditions.of(Conditions.RESOLVED_REFS, false, Reason.SECRET_NOT_FOUND,
          "spec.watchNamespace: Secrets " + secrets + " are in namespace " + NamespaceOwner.servedNamespace(router)
              + " but the proxies run in " + own + " and can mount only Secrets of their own namespace;"
              + " create the Router in " + NamespaceOwner.servedNamespace(router), generation);
    }
    return Conditions.of(Conditions.RESOLVED_REFS, true, Reason.RESOLVED,
        secrets.isEmpty() ? "No credentials needed" : "Secrets " + secrets + " mounted", generation);
  }

  private static io.fabric8.kubernetes.api.model.Condition ready(RouterStatus status, RouterConfig serving,
      int desired, Long generation) {
    long current = serving == null ? 0
        : status.replicas.stream().filter(r -> serving.version().equals(r.configVersion)).count();
    String message = status.readyReplicas + "/" + desired + " replicas ready, " + current + " on config "
        + (serving == null ? "(none)" : serving.version());
    boolean ready = serving != null && desired > 0 && status.readyReplicas >= desired && current >= desired;
    return Conditions.of(Conditions.READY, ready, ready ? Reason.AVAILABLE : Reason.PROGRESSING, message, generation);
  }

  /** Says which replicas decide alone because Redis is unreachable (they keep serving). */
  private static io.fabric8.kubernetes.api.model.Condition sharedState(RouterStatus status, Long generation) {
    List<String> alone = status.replicas.stream()
        .filter(r -> StatsView.SharedStateMode.LOCAL_FALLBACK.name().equals(r.sharedState)).map(r -> r.pod).toList();
    long shared = status.replicas.stream()
        .filter(r -> StatsView.SharedStateMode.SHARED.name().equals(r.sharedState)).count();
    return alone.isEmpty()
        ? Conditions.of(Conditions.SHARED_STATE, true, Reason.SHARED,
            shared + " replica(s) share limits, budgets and health through Redis", generation)
        : Conditions.of(Conditions.SHARED_STATE, false, Reason.LOCAL_FALLBACK, "Redis unreachable from " + alone
            + ": they decide alone (limits divided by the live replicas) and reconcile when it answers", generation);
  }

  private static int desiredReplicas(Deployment deployment) {
    if (deployment == null || deployment.getSpec() == null || deployment.getSpec().getReplicas() == null) {
      return 1;
    }
    return deployment.getSpec().getReplicas();
  }
}
