package dev.spillway.operator.resources;

import dev.spillway.api.v1alpha1.ResourceStatus;
import dev.spillway.operator.serving.Served;
import dev.spillway.operator.serving.ServedNamespaces;
import dev.spillway.operator.status.Conditions;
import dev.spillway.operator.status.ResourceVerdicts;
import dev.spillway.operator.status.StandaloneVerdict;
import dev.spillway.operator.status.StatusPatch;
import dev.spillway.operator.status.Verdict;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Owns the status of one kind. A resource is judged by the serving Router's latest pass when that
 * pass compiled its current generation, and on its own otherwise; each pass of a Router wakes the
 * resources of the namespace it serves, so live numbers follow without this controller polling.
 */
abstract class ResourceStatusReconciler<R extends CustomResource<?, S>, S extends ResourceStatus>
    implements Reconciler<R> {
  private final ServedNamespaces served;
  private final StandaloneVerdict standalone;
  private final Clock clock;
  private final SimpleInboundEventSource<R> passes = new SimpleInboundEventSource<>("router-passes");

  ResourceStatusReconciler(ServedNamespaces served, StandaloneVerdict standalone, Clock clock) {
    this.served = served;
    this.standalone = standalone;
    this.clock = clock;
  }

  /** The kind's status from its verdict and, when a Router serves it, that Router's pass. */
  abstract S status(R resource, Verdict verdict, Optional<Served> pass);

  @Override
  public List<EventSource<?, R>> prepareEventSources(EventSourceContext<R> context) {
    served.listen(namespace -> context.getPrimaryCache().list(namespace)
        .forEach(resource -> passes.propagateEvent(ResourceID.fromResource(resource))));
    return List.of(passes);
  }

  @Override
  public UpdateControl<R> reconcile(R resource, Context<R> context) {
    String namespace = resource.getMetadata().getNamespace();
    Optional<Served> pass = served.served(namespace);
    Optional<Served> current = pass.filter(p -> p.covers(resource));
    Verdict verdict = current
        .map(p -> new ResourceVerdicts(p.result(), p.serving() == null ? null : p.serving().version()).of(resource))
        .orElseGet(() -> pass.isPresent()
            ? standalone.of(resource, Conditions.Reason.PENDING, "Router " + pass.get().router()
                + " has not compiled generation " + resource.getMetadata().getGeneration() + " yet")
            : standalone.of(resource, Conditions.Reason.NO_ROUTER, "No Router serves namespace " + namespace
                + ": nothing publishes this resource to a proxy"));
    return StatusPatch.ifChanged(resource, status(resource, verdict, pass), clock);
  }

  static <T> T orBefore(T now, T before) {
    return now != null ? now : before;
  }
}
