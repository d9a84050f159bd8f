package dev.spillway.operator.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.api.v1alpha1.Router;
import dev.spillway.api.v1alpha1.RouterSpec;
import dev.spillway.compiler.ResourceSet;
import dev.spillway.compiler.TestResources;
import dev.spillway.config.ClusterLayout;
import dev.spillway.config.ConfigJson;
import dev.spillway.config.RouterConfig;
import dev.spillway.operator.OperatorSettings;
import dev.spillway.operator.SecretScope;
import dev.spillway.operator.dependents.ProxyPlan;
import dev.spillway.operator.serving.ServedNamespaces;
import dev.spillway.operator.status.Events;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code RouterReconciler.reconcile()} called directly, its collaborators made up (Flink's habit): no
 * API server, no informers, no proxies. What it hands the workflow, the pass it publishes and the
 * status it asks JOSDK to patch are checked as data.
 */
class RouterReconcilerTest {
  static final Duration INTERVAL = Duration.ofSeconds(15);
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T20:00:00Z"), ZoneOffset.UTC);

  final List<String> events = new ArrayList<>();
  final Events recorder = new Events() {
    @Override
    public void warning(HasMetadata about, String reason, String message) {
      events.add(reason);
    }

    @Override
    public void normal(HasMetadata about, String reason, String message) {
      events.add(reason);
    }

    @Override
    public void occurred(HasMetadata about, String reason, String message) {
      events.add(reason);
    }

    @Override
    public void once(HasMetadata about, String name, boolean warning, String reason, String message) {
      events.add(reason);
    }
  };
  final ServedNamespaces served = new ServedNamespaces();
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final RouterMemory memory = new RouterMemory(recorder, CLOCK);
  ResourceSet namespace = TestResources.valid().toSet();

  RouterReconciler reconciler() {
    NamespaceSource source = new NamespaceSource() {
      @Override
      public List<EventSource<?, Router>> eventSources(EventSourceContext<Router> context) {
        return List.of();
      }

      @Override
      public ResourceSet resourceSet(String ns) {
        return namespace;
      }
    };
    OperatorSettings settings = new OperatorSettings("proxy:test", INTERVAL, 0, Optional.empty(), 0,
        Optional.empty(), SecretScope.everyNamespace());
    return new RouterReconciler(source, settings, (router, cursors) -> List.of(), served, memory, recorder,
        new RouterMetrics(registry), CLOCK);
  }

  static Router router(String name, String created) {
    Router router = new Router();
    router.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("team").withUid(name + "-uid")
        .withGeneration(1L).withCreationTimestamp(created).build());
    router.setSpec(new RouterSpec());
    return router;
  }

  static Condition condition(Router router, String type) {
    return router.getStatus().conditions.stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
  }

  @Test
  void aCompilingNamespaceIsHandedToTheWorkflowPublishedToStatusControllersAndRescheduled() {
    Router edge = router("edge", "2026-12-01T00:00:00Z");
    StubContext context = new StubContext(edge);

    UpdateControl<Router> control = reconciler().reconcile(edge, context);

    assertThat(context.workflowRuns).isEqualTo(1);
    ProxyPlan plan = context.getMandatory(ProxyPlan.class.getName(), ProxyPlan.class);
    assertThat(plan.image()).isEqualTo("proxy:test");
    assertThat(plan.serving()).isNotNull();
    assertThat(served.served("team")).hasValueSatisfying(pass -> {
      assertThat(pass.serving().version()).isEqualTo(plan.serving().version());
      assertThat(pass.covers(namespace.policies().get(0))).isTrue();
    });
    assertThat(control.isPatchStatus()).isTrue();
    assertThat(control.getScheduleDelay()).contains(INTERVAL.toMillis());
    assertThat(condition(edge, "Accepted").getStatus()).isEqualTo("True");
    assertThat(edge.getStatus().configVersion).isEqualTo(plan.serving().version());
    assertThat(memory.remembered()).containsExactly("edge-uid");
    assertThat(events).containsExactly("ConfigPublished");

    assertThat(registry.get("spillway.operator.config.rejected").tag("router", "edge").gauge().value()).isZero();
    assertThat(registry.get("spillway.operator.model.targets.available").tag("model", "chat").gauge().value())
        .as("no replica reports an open circuit").isEqualTo(2);

    UpdateControl<Router> again = reconciler().reconcile(edge, context);
    assertThat(again.isNoUpdate()).as("an unchanged status is not patched again").isTrue();
  }

  @Test
  void aRejectedNamespaceKeepsServingThePublishedConfig() {
    RouterConfig good = TestResources.valid().compile().config();
    Router edge = router("edge", "2026-12-01T00:00:00Z");
    StubContext context = new StubContext(edge);
    context.secondaries.put(io.fabric8.kubernetes.api.model.ConfigMap.class, new ConfigMapBuilder()
        .withNewMetadata().withName("edge-config").endMetadata()
        .withData(Map.of(ClusterLayout.CONFIG_KEY, ConfigJson.write(good))).build());
    TestResources broken = TestResources.valid();
    broken.policySpec(broken.toSet().policies().get(0).getMetadata().getName()).maxFallbackDepth = -1;
    namespace = broken.toSet();

    reconciler().reconcile(edge, context);

    assertThat(context.getMandatory(ProxyPlan.class.getName(), ProxyPlan.class).serving().version())
        .isEqualTo(good.version());
    assertThat(condition(edge, "Accepted").getStatus()).isEqualTo("False");
    assertThat(condition(edge, "Programmed").getMessage()).contains(good.version());
    assertThat(events).contains("ConfigRejected").doesNotContain("ConfigPublished");
    assertThat(registry.get("spillway.operator.config.rejected").tag("router", "edge").gauge().value()).isEqualTo(1);
  }

  @Test
  void aYoungerRouterForTheSameNamespaceRunsNothingAndNamesTheOwner() {
    Router older = router("edge", "2026-12-01T00:00:00Z");
    Router younger = router("edge-2", "2026-12-02T00:00:00Z");
    StubContext context = new StubContext(younger, older);

    UpdateControl<Router> control = reconciler().reconcile(younger, context);

    assertThat(context.workflowRuns).isZero();
    assertThat(served.served("team")).isEmpty();
    assertThat(control.getScheduleDelay()).contains(INTERVAL.toMillis());
    assertThat(condition(younger, "Accepted").getReason()).isEqualTo("NamespaceConflict");
    assertThat(condition(younger, "Accepted").getMessage()).contains("Router team/edge");
  }

  @Test
  void aFailedPassSaysSoOnTheRouterAndKeepsItsOtherConditions() {
    Router edge = router("edge", "2026-12-01T00:00:00Z");
    reconciler().reconcile(edge, new StubContext(edge));

    ErrorStatusUpdateControl<Router> control = reconciler().updateErrorStatus(edge, new StubContext(edge),
        new KubernetesClientException("connection refused"));

    Router patched = control.getResource().orElseThrow();
    assertThat(condition(patched, "Ready").getReason()).isEqualTo("ReconcileFailed");
    assertThat(condition(patched, "Ready").getMessage()).contains("connection refused");
    assertThat(condition(patched, "Accepted").getStatus()).isEqualTo("True");
  }

  @Test
  void cleanupForgetsTheRouterAndReleasesItsNamespace() {
    Router edge = router("edge", "2026-12-01T00:00:00Z");
    RouterReconciler reconciler = reconciler();
    reconciler.reconcile(edge, new StubContext(edge));

    reconciler.cleanup(edge, new StubContext(edge));

    assertThat(memory.remembered()).isEmpty();
    assertThat(served.served("team")).isEmpty();
    assertThat(registry.find("spillway.operator.config.rejected").gauges()).isEmpty();
  }
}
