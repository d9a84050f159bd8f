package dev.spillway.operator.router;

import dev.spillway.api.v1alpha1.Router;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.api.reconciler.dependent.managed.ManagedWorkflowAndDependentResourceContext;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowCleanupResult;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowReconcileResult;
import io.javaoperatorsdk.operator.processing.event.EventSourceRetriever;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The little of JOSDK's {@link Context} the Router reconciler reads — the Router cache, secondary
 * objects, the workflow context — so {@code reconcile()} runs as a plain method call. Records what
 * was handed to the workflow and how often it ran.
 */
final class StubContext implements Context<Router>, ManagedWorkflowAndDependentResourceContext {
  final List<Router> routers = new ArrayList<>();
  final Map<Class<?>, Object> secondaries = new HashMap<>();
  final Map<Object, Object> workflowContext = new HashMap<>();
  int workflowRuns;

  StubContext(Router... routers) {
    this.routers.addAll(List.of(routers));
  }

  @Override
  public Optional<RetryInfo> getRetryInfo() {
    return Optional.empty();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <R> Set<R> getSecondaryResources(Class<R> kind) {
    return secondaries.containsKey(kind) ? Set.of((R) secondaries.get(kind)) : Set.of();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <R> Optional<R> getSecondaryResource(Class<R> kind, String name) {
    return Optional.ofNullable((R) secondaries.get(kind));
  }

  @Override
  public ControllerConfiguration<Router> getControllerConfiguration() {
    throw new UnsupportedOperationException();
  }

  @Override
  public ManagedWorkflowAndDependentResourceContext managedWorkflowAndDependentResourceContext() {
    return this;
  }

  @Override
  public EventSourceRetriever<Router> eventSourceRetriever() {
    throw new UnsupportedOperationException();
  }

  @Override
  public KubernetesClient getClient() {
    throw new UnsupportedOperationException("the reconciler reaches the API only through its collaborators");
  }

  @Override
  public ExecutorService getWorkflowExecutorService() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Router getPrimaryResource() {
    return routers.get(0);
  }

  @Override
  public IndexedResourceCache<Router> getPrimaryCache() {
    return new IndexedResourceCache<>() {
      @Override
      public List<Router> byIndex(String index, String key) {
        return List.of();
      }

      @Override
      public Stream<Router> list(String namespace, Predicate<Router> filter) {
        return routers.stream().filter(r -> namespace.equals(r.getMetadata().getNamespace())).filter(filter);
      }

      @Override
      public Optional<Router> get(ResourceID id) {
        return routers.stream().filter(r -> ResourceID.fromResource(r).equals(id)).findFirst();
      }

      @Override
      public Stream<ResourceID> keys() {
        return routers.stream().map(ResourceID::fromResource);
      }

      @Override
      public Stream<Router> list(Predicate<Router> filter) {
        return routers.stream().filter(filter);
      }
    };
  }

  @Override
  public boolean isNextReconciliationImminent() {
    return false;
  }

  @Override
  public boolean isPrimaryResourceDeleted() {
    return false;
  }

  @Override
  public boolean isPrimaryResourceFinalStateUnknown() {
    return false;
  }

  @Override
  public <T> Optional<T> get(Object key, Class<T> type) {
    return Optional.ofNullable(type.cast(workflowContext.get(key)));
  }

  @Override
  public <T> T put(Object key, T value) {
    workflowContext.put(key, value);
    return value;
  }

  @Override
  public <T> T getMandatory(Object key, Class<T> type) {
    return get(key, type).orElseThrow();
  }

  @Override
  public Optional<WorkflowReconcileResult> getWorkflowReconcileResult() {
    return Optional.empty();
  }

  @Override
  public Optional<WorkflowCleanupResult> getWorkflowCleanupResult() {
    return Optional.empty();
  }

  @Override
  public WorkflowReconcileResult reconcileManagedWorkflow() {
    workflowRuns++;
    return new WorkflowReconcileResult() {
      @Override
      public void throwAggregateExceptionIfErrorsPresent() {
        // every dependent "reconciled": the workflow itself is JOSDK's, tested against the mock API
      }
    };
  }

  @Override
  public WorkflowCleanupResult cleanupManageWorkflow() {
    throw new UnsupportedOperationException();
  }
}
