package dev.spillway.operator.router;

import dev.spillway.api.v1alpha1.Router;
import dev.spillway.api.v1alpha1.RouterStatus;
import dev.spillway.compiler.CompileResult;
import dev.spillway.compiler.ConfigCompiler;
import dev.spillway.compiler.ResourceSet;
import dev.spillway.config.PublishedConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.operator.OperatorSettings;
import dev.spillway.operator.dependents.AutoscalerDependent;
import dev.spillway.operator.dependents.ConfigMapDependent;
import dev.spillway.operator.dependents.DeploymentDependent;
import dev.spillway.operator.dependents.DisruptionBudgetDependent;
import dev.spillway.operator.dependents.NetworkPolicyDependent;
import dev.spillway.operator.dependents.ProxyPlan;
import dev.spillway.operator.dependents.RoleBindingDependent;
import dev.spillway.operator.dependents.RoleDependent;
import dev.spillway.operator.dependents.ServiceAccountDependent;
import dev.spillway.operator.dependents.ServiceDependent;
import dev.spillway.operator.dependents.WorkflowConditions;
import dev.spillway.operator.serving.Served;
import dev.spillway.operator.serving.ServedNamespaces;
import dev.spillway.operator.stats.LiveNumbers;
import dev.spillway.operator.stats.ReplicaScrape;
import dev.spillway.operator.stats.ReplicaSample;
import dev.spillway.operator.status.Conditions;
import dev.spillway.operator.status.Events;
import dev.spillway.operator.status.StatusPatch;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One pass over a Router: compile the namespace it serves; hand the config to the workflow of its
 * owned objects (published only if it compiled: the last good one keeps serving); scrape the
 * replicas; hand the pass to the resource status controllers; patch the Router's status.
 * Rescheduled on the stats interval, so live numbers refresh without any resource changing.
 *
 * <p>The workflow is invoked explicitly because the dependents need this pass's compile; JOSDK
 * still owns their informers, so a deleted Deployment or ConfigMap is recreated on the event, not
 * at the next interval. Owned objects are garbage-collected with the Router (owner references);
 * the {@link Cleaner} forgets what the operator remembered of it.
 */
@Workflow(explicitInvocation = true, dependents = {
    @Dependent(name = "service-account", type = ServiceAccountDependent.class),
    @Dependent(name = "role", type = RoleDependent.class),
    @Dependent(name = "role-binding", type = RoleBindingDependent.class, dependsOn = {"service-account", "role"}),
    @Dependent(name = "config", type = ConfigMapDependent.class,
        reconcilePrecondition = WorkflowConditions.HasConfig.class),
    @Dependent(name = "service", type = ServiceDependent.class),
    @Dependent(name = "deployment", type = DeploymentDependent.class, dependsOn = "role-binding"),
    @Dependent(name = "autoscaler", type = AutoscalerDependent.class, dependsOn = "deployment",
        reconcilePrecondition = WorkflowConditions.AutoscalingWanted.class),
    @Dependent(name = "disruption-budget", type = DisruptionBudgetDependent.class,
        reconcilePrecondition = WorkflowConditions.DisruptionBudgetWanted.class),
    @Dependent(name = "network-policy", type = NetworkPolicyDependent.class,
        reconcilePrecondition = WorkflowConditions.NetworkPolicyWanted.class)})
@ControllerConfiguration(name = "router")
public final class RouterReconciler implements Reconciler<Router>, Cleaner<Router> {
  private final ConfigCompiler compiler = new ConfigCompiler();
  private final SimpleInboundEventSource<Router> handover = new SimpleInboundEventSource<>("namespace-handover");
  private final NamespaceSource namespaces;
  private final OperatorSettings settings;
  private final ReplicaScrape scraper;
  private final ServedNamespaces served;
  private final RouterMemory memory;
  private final ConfigEvents configEvents;
  private final TransitionEvents transitionEvents;
  private final RouterMetrics metrics;
  private final Clock clock;

  public RouterReconciler(NamespaceSource namespaces, OperatorSettings settings, ReplicaScrape scraper,
      ServedNamespaces served, RouterMemory memory, Events events, RouterMetrics metrics, Clock clock) {
    this.namespaces = namespaces;
    this.settings = settings;
    this.scraper = scraper;
    this.served = served;
    this.memory = memory;
    this.configEvents = new ConfigEvents(events);
    this.transitionEvents = new TransitionEvents(events);
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, Router>> prepareEventSources(EventSourceContext<Router> context) {
    List<EventSource<?, Router>> sources = new ArrayList<>(namespaces.eventSources(context));
    sources.add(handover);
    return sources;
  }

  @Override
  public UpdateControl<Router> reconcile(Router router, Context<Router> context) {
    String namespace = NamespaceOwner.servedNamespace(router);
    ResourceID id = ResourceID.fromResource(router);
    Optional<Router> owner = NamespaceOwner.of(context.getPrimaryCache(), namespace);
    if (owner.isPresent() && !ResourceID.fromResource(owner.get()).equals(id)) {
      served.release(namespace, id);
      return StatusPatch.ifChanged(router, RouterStatusBuilder.conflict(router, owner.get()), clock)
          .rescheduleAfter(settings.statsInterval());
    }
    RouterMemory.Entry remembered = memory.of(router.getMetadata().getUid());
    ResourceSet resources = namespaces.resourceSet(namespace);
    CompileResult compiled = compiler.compile(resources);
    if (compiled.ok()) {
      // The rollouts' stages (a canary's candidate, a shadow, a promotion) are part of what is published.
      compiled = CompileResult.success(namespaces.staged(namespace, compiled.config()));
    }
    CompileResult result = ConfigSize.checked(compiled, router, PublishedConfig.MAX_ENCODED_BYTES);
    RouterConfig published = published(context);
    RouterConfig serving = result.ok() ? result.config() : published;

    new ProxyPlan(settings.proxyImage(), serving, settings.adminPeers()).attach(context);
    context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow()
        .throwAggregateExceptionIfErrorsPresent();
    configEvents.report(router, resources, result, published, remembered.loggedRejection());

    List<ReplicaSample> samples = scraper.scrape(router, remembered.cursors());
    LiveNumbers totals = LiveNumbers.sum(samples);
    LiveNumbers previous = remembered.previousScrape().getAndSet(totals);
    served.publish(namespace, Served.of(id, resources, result, serving,
        previous == null ? totals : totals.since(previous)));
    remembered.liveEvents().report(resources, serving, totals);
    transitionEvents.report(router, resources, samples, remembered.cursors());
    metrics.record(router, result, serving, totals);
    RouterStatus status = RouterStatusBuilder.build(router, result, serving,
        context.getSecondaryResource(Deployment.class).orElse(null), samples);
    return StatusPatch.ifChanged(router, status, clock).rescheduleAfter(settings.statsInterval());
  }

  /**
   * Forgets the Router and hands its namespace over: the next Router in line (if any) is woken
   * now rather than at its next interval. Its objects go with it by garbage collection.
   */
  @Override
  public DeleteControl cleanup(Router router, Context<Router> context) {
    String namespace = NamespaceOwner.servedNamespace(router);
    memory.forget(router.getMetadata().getUid());
    metrics.forget(router.getMetadata().getUid());
    served.release(namespace, ResourceID.fromResource(router));
    NamespaceOwner.of(context.getPrimaryCache(), namespace)
        .filter(next -> !next.getMetadata().getUid().equals(router.getMetadata().getUid()))
        .ifPresent(next -> handover.propagateEvent(ResourceID.fromResource(next)));
    return DeleteControl.defaultDelete();
  }

  /**
   * A pass that failed (the API away, a dependent refused) says so on the Router, keeping its
   * other conditions; JOSDK retries with backoff.
   */
  @Override
  public ErrorStatusUpdateControl<Router> updateErrorStatus(Router router, Context<Router> context, Exception e) {
    RouterStatus status = router.getStatus() == null ? new RouterStatus() : router.getStatus();
    status.conditions = Conditions.stamped(Conditions.with(status.conditions,
        Conditions.of(Conditions.READY, false, Conditions.Reason.RECONCILE_FAILED,
            "Reconcile failed, retrying: " + e.getMessage(), router.getMetadata().getGeneration())),
        router.getStatus() == null ? null : router.getStatus().conditions, clock.instant());
    router.setStatus(status);
    return ErrorStatusUpdateControl.patchStatus(router);
  }

  /** The config last published for this Router (what its proxies serve), or null. */
  private static RouterConfig published(Context<Router> context) {
    try {
      return context.getSecondaryResource(ConfigMap.class)
          .map(configMap -> PublishedConfig.read(configMap.getData(), configMap.getBinaryData()))
          .orElse(null);
    } catch (IllegalArgumentException unreadable) {
      return null;
    }
  }
}
