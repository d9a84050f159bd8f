package dev.spillway.operator.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.api.v1alpha1.RouterStatus;
import dev.spillway.api.v1alpha1.Router;
import dev.spillway.api.v1alpha1.RouterSpec;
import dev.spillway.api.v1alpha1.SharedStateSpec;
import dev.spillway.compiler.CompileResult;
import dev.spillway.compiler.TestResources;
import dev.spillway.operator.stats.ReplicaSample;
import dev.spillway.operator.status.Conditions;
import dev.spillway.stats.StatsView;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterStatusBuilderTest {
  private final CompileResult compiled = TestResources.valid().compile();
  private final String version = compiled.config().version();

  private static Router router(String watchNamespace) {
    Router router = new Router();
    router.getMetadata().setName("edge");
    router.getMetadata().setNamespace("team");
    router.getMetadata().setGeneration(3L);
    router.setSpec(new RouterSpec());
    router.getSpec().watchNamespace = watchNamespace;
    return router;
  }

  private static Deployment deployment(int desired, int ready) {
    return new DeploymentBuilder().withNewSpec().withReplicas(desired).endSpec()
        .withNewStatus().withReadyReplicas(ready).endStatus().build();
  }

  private ReplicaSample replica(String pod, String loaded) {
    return new ReplicaSample(pod, new StatsView(loaded, Map.of(), Map.of()));
  }

  private static Condition condition(RouterStatus status, String type) {
    return Conditions.find(status.conditions, type);
  }

  @Test
  void readyOnlyWhenEveryReplicaIsUpAndOnThePublishedConfig() {
    RouterStatus lagging = RouterStatusBuilder.build(router(null), compiled, compiled.config(), deployment(2, 2),
        List.of(replica("edge-b", version), replica("edge-a", "older")));

    assertThat(lagging.configVersion).isEqualTo(version);
    assertThat(lagging.replicas).extracting(r -> r.pod + "=" + r.configVersion)
        .containsExactly("edge-a=older", "edge-b=" + version);
    assertThat(condition(lagging, "Ready").getStatus()).isEqualTo("False");
    assertThat(condition(lagging, "Ready").getMessage()).isEqualTo("2/2 replicas ready, 1 on config " + version);

    RouterStatus ready = RouterStatusBuilder.build(router(null), compiled, compiled.config(), deployment(2, 2),
        List.of(replica("edge-a", version), replica("edge-b", version)));
    assertThat(condition(ready, "Ready").getReason()).isEqualTo("Available");
    assertThat(condition(ready, "Accepted").getStatus()).isEqualTo("True");
    assertThat(condition(ready, "Programmed").getObservedGeneration()).isEqualTo(3L);
  }

  @Test
  void aRejectedConfigKeepsTheServingVersionAndSaysSo() {
    CompileResult rejected = TestResources.valid().policy("interactive-copy", 10).compile();

    RouterStatus status = RouterStatusBuilder.build(router(null), rejected, compiled.config(), deployment(1, 1),
        List.of(replica("edge-a", version)));

    assertThat(status.configVersion).isEqualTo(version);
    assertThat(condition(status, "Accepted").getReason()).isEqualTo("ConfigRejected");
    assertThat(condition(status, "Programmed").getMessage()).contains("keep serving " + version);
  }

  @Test
  void credentialsFromAnotherNamespaceCannotReachTheProxies() {
    RouterStatus status = RouterStatusBuilder.build(router("models"), compiled, compiled.config(), null, List.of());

    Condition refs = condition(status, "ResolvedRefs");
    assertThat(refs.getStatus()).isEqualTo("False");
    assertThat(refs.getMessage()).startsWith("spec.watchNamespace:").contains("llm-keys");
    assertThat(condition(RouterStatusBuilder.build(router(null), compiled, compiled.config(), null, List.of()),
        "ResolvedRefs").getStatus()).isEqualTo("True");
  }

  @Test
  void withSharedStateTheStatusSaysWhichReplicasDecideAloneWhileRedisIsUnreachable() {
    Router router = router(null);
    router.getSpec().sharedState = new SharedStateSpec();
    router.getSpec().sharedState.address = "redis://redis:6379";
    ReplicaSample shared = new ReplicaSample("edge-a", new StatsView(version, Map.of(), Map.of(), Map.of(),
        new StatsView.SharedStateStats(StatsView.SharedStateMode.SHARED, 2)));
    ReplicaSample alone = new ReplicaSample("edge-b", new StatsView(version, Map.of(), Map.of(), Map.of(),
        new StatsView.SharedStateStats(StatsView.SharedStateMode.LOCAL_FALLBACK, 2)));

    RouterStatus degraded = RouterStatusBuilder.build(router, compiled, compiled.config(), deployment(2, 2),
        List.of(shared, alone));
    RouterStatus healthy = RouterStatusBuilder.build(router, compiled, compiled.config(), deployment(2, 2),
        List.of(shared));

    assertThat(degraded.replicas).extracting(r -> r.pod + "=" + r.sharedState)
        .containsExactly("edge-a=SHARED", "edge-b=LOCAL_FALLBACK");
    assertThat(condition(degraded, "SharedState").getStatus()).isEqualTo("False");
    assertThat(condition(degraded, "SharedState").getReason()).isEqualTo("LocalFallback");
    assertThat(condition(degraded, "SharedState").getMessage()).contains("[edge-b]");
    assertThat(condition(healthy, "SharedState").getStatus()).isEqualTo("True");
    assertThat(condition(RouterStatusBuilder.build(router(null), compiled, compiled.config(), deployment(2, 2),
        List.of(shared)), "SharedState")).as("no shared state, no condition").isNull();
  }
}
