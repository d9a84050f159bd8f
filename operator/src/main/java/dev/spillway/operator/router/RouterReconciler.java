package dev.spillway.operator.router;

import dev.spillway.api.v1alpha1.Router;
import dev.spillway.compiler.CompileResult;
import dev.spillway.compiler.ConfigCompiler;
import dev.spillway.compiler.Problem;
import dev.spillway.compiler.ResourceSet;
import dev.spillway.config.ClusterLayout;
import dev.spillway.config.ConfigJson;
import dev.spillway.config.RouterConfig;
import dev.spillway.operator.OperatorSettings;
import dev.spillway.operator.dependents.DependentApplier;
import dev.spillway.operator.dependents.ProxyConfigMap;
import dev.spillway.operator.dependents.ProxyNames;
import dev.spillway.operator.rollout.NamespaceRollouts;
import dev.spillway.operator.stats.LiveNumbers;
import dev.spillway.operator.stats.ProxyScraper;
import dev.spillway.operator.stats.ReplicaSample;
import dev.spillway.operator.status.EventRecorder;
import dev.spillway.operator.status.ResourceVerdicts;
import dev.spillway.operator.status.StatusWriter;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over a Router: compile the namespace it serves; publish the config if it compiled (never
 * otherwise: the last good one keeps serving); keep the proxy's objects as desired; scrape the
 * replicas; write every status. Rescheduled on the stats interval, so live numbers refresh without
 * any resource changing.
 */
@ControllerConfiguration(name = "router")
public final class RouterReconciler implements Reconciler<Router> {
  private static final Logger LOG = LoggerFactory.getLogger(RouterReconciler.class);

  private final ConfigCompiler compiler = new ConfigCompiler();
  private final NamespaceWatch watch = new NamespaceWatch();
  private final KubernetesClient client;
  private final OperatorSettings settings;
  private final ProxyScraper scraper;
  private final DependentApplier applier;
  private final StatusWriter statusWriter;
  private final EventRecorder events;
  private final ResourceStatusUpdater resourceStatus;
  private final LiveEvents liveEvents;
  private final NamespaceRollouts rollouts;
  /** Router uid → replica totals at the previous scrape, so account health covers only what followed. */
  private final Map<String, LiveNumbers> previousScrape = new ConcurrentHashMap<>();
  /** Router uid → the problems last logged, so a standing rejection is logged once. */
  private final Map<String, List<Problem>> loggedRejections = new ConcurrentHashMap<>();

  public RouterReconciler(KubernetesClient client, OperatorSettings settings, Clock clock) {
    this.client = client;
    this.settings = settings;
    this.scraper = new ProxyScraper(settings.proxyPort());
    this.applier = new DependentApplier(client);
    this.statusWriter = new StatusWriter(client, clock);
    this.events = new EventRecorder(client, clock);
    this.resourceStatus = new ResourceStatusUpdater(statusWriter);
    this.liveEvents = new LiveEvents(events, clock);
    this.rollouts = new NamespaceRollouts(client);
  }

  /** The namespace whose resources a Router serves: its own unless it names another. */
  static String servedNamespace(Router router) {
    String named = router.getSpec() == null ? null : router.getSpec().watchNamespace;
    return named == null || named.isBlank() ? router.getMetadata().getNamespace() : named;
  }

  @Override
  public List<EventSource<?, Router>> prepareEventSources(EventSourceContext<Router> context) {
    return watch.eventSources(context);
  }

  @Override
  public UpdateControl<Router> reconcile(Router router, Context<Router> context) {
    ResourceSet resources = watch.resourceSet(servedNamespace(router));
    CompileResult result = compiler.compile(resources);
    if (result.ok()) {
      // The rollouts' stages (a canary's candidate, a shadow, a promotion) are part of what is published.
      result = CompileResult.success(rollouts.staged(servedNamespace(router), result.config()));
    }

    RouterConfig serving;
    if (result.ok()) {
      loggedRejections.remove(router.getMetadata().getUid());
      serving = result.config();
      if (applier.apply(ProxyConfigMap.desired(router, serving))) {
        LOG.info("Router {}/{}: config {} published", router.getMetadata().getNamespace(),
            router.getMetadata().getName(), serving.version());
        events.normal(router, EventRecorder.CONFIG_PUBLISHED, "Config " + serving.version() + " published");
      }
    } else {
      serving = published(router);
      reportRejection(router, resources, result, serving);
    }
    ProxyWorkload.apply(applier, router, settings.proxyImage(), serving);

    List<ReplicaSample> samples = scraper.scrape(proxyPods(router));
    LiveNumbers totals = LiveNumbers.sum(samples);
    LiveNumbers previous = previousScrape.put(router.getMetadata().getUid(), totals);
    resourceStatus.update(resources, new ResourceVerdicts(result, serving == null ? null : serving.version()),
        previous == null ? totals : totals.since(previous), serving);
    liveEvents.report(resources, serving, previous, totals);
    statusWriter.write(router, RouterStatusBuilder.build(router, result, serving, deployment(router), samples));
    return UpdateControl.<Router>noUpdate().rescheduleAfter(settings.statsInterval());
  }

  private void reportRejection(Router router, ResourceSet resources, CompileResult result,
      RouterConfig serving) {
    String keeping = serving == null ? "nothing published yet" : "still serving config " + serving.version();
    if (result.problems().equals(loggedRejections.put(router.getMetadata().getUid(), result.problems()))) {
      return;
    }
    LOG.warn("Router {}/{}: config rejected ({}): {}", router.getMetadata().getNamespace(),
        router.getMetadata().getName(), keeping, result.problems());
    events.warning(router, EventRecorder.CONFIG_REJECTED,
        result.problems().size() + " problem(s), " + keeping + ": " + result.problems().get(0));
    resources.accounts().forEach(r -> rejectIfInvalid(r, result));
    resources.models().forEach(r -> rejectIfInvalid(r, result));
    resources.policies().forEach(r -> rejectIfInvalid(r, result));
  }

  private void rejectIfInvalid(HasMetadata resource, CompileResult result) {
    result.problems().stream()
        .filter(p -> p.kind().equals(resource.getKind()) && p.name().equals(resource.getMetadata().getName()))
        .findFirst()
        .ifPresent(problem -> events.warning(resource, EventRecorder.CONFIG_REJECTED, problem.toString()));
  }

  /** The config last published for this Router (what its proxies serve), or null. */
  private RouterConfig published(Router router) {
    ConfigMap configMap = client.configMaps().inNamespace(router.getMetadata().getNamespace())
        .withName(ProxyNames.configMap(router)).get();
    String json = configMap == null || configMap.getData() == null
        ? null : configMap.getData().get(ClusterLayout.CONFIG_KEY);
    try {
      return json == null ? null : ConfigJson.read(json);
    } catch (IllegalArgumentException unreadable) {
      return null;
    }
  }

  private List<Pod> proxyPods(Router router) {
    return client.pods().inNamespace(router.getMetadata().getNamespace())
        .withLabels(ProxyNames.selector(router)).list().getItems().stream()
        .filter(pod -> pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase()))
        .toList();
  }

  private Deployment deployment(Router router) {
    return client.apps().deployments().inNamespace(router.getMetadata().getNamespace())
        .withName(ProxyNames.workload(router)).get();
  }
}
