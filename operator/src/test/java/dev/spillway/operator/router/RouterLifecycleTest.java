package dev.spillway.operator.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spillway.api.v1alpha1.LogicalModel;
import dev.spillway.api.v1alpha1.ResourceStatus;
import dev.spillway.api.v1alpha1.Router;
import dev.spillway.api.v1alpha1.RoutingPolicy;
import dev.spillway.operator.testing.Edits;
import dev.spillway.operator.testing.MockCluster;
import dev.spillway.operator.testing.OperatorHarness;
import dev.spillway.operator.testing.RepoPaths;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator's life cycle on JOSDK's rails, against the mock API server. The stats interval is an
 * hour, so everything observed here is driven by events (informers, the Cleaner, the hand-over),
 * never by the periodic pass. No proxy answers scrapes (no pods run).
 */
class RouterLifecycleTest {
  static final String NS = "team";
  static final Duration WAIT = Duration.ofSeconds(20);

  MockCluster cluster;
  KubernetesClient client;
  OperatorHarness operator;

  @BeforeEach
  void start() {
    cluster = new MockCluster();
    client = cluster.client();
    cluster.namespace(NS);
    cluster.applyFolder(RepoPaths.samples().resolve("quickstart"), NS);
    operator = new OperatorHarness(cluster, 1, Duration.ofHours(1));
  }

  @AfterEach
  void stop() {
    operator.close();
    cluster.close();
  }

  private <R extends CustomResource<?, ? extends ResourceStatus>> Condition condition(
      Class<R> kind, String name, String type) {
    R resource = client.resources(kind).inNamespace(NS).withName(name).get();
    if (resource == null || resource.getStatus() == null) {
      return null;
    }
    return resource.getStatus().conditions.stream().filter(c -> c.getType().equals(type)).findFirst().orElse(null);
  }

  private <R extends CustomResource<?, ? extends ResourceStatus>> void awaitCondition(
      Class<R> kind, String name, String type, String status, String reason) {
    await().atMost(WAIT).untilAsserted(() -> {
      Condition condition = condition(kind, name, type);
      assertThat(condition).as(kind.getSimpleName() + "/" + name + " " + type).isNotNull();
      assertThat(condition.getStatus()).as(condition.getMessage()).isEqualTo(status);
      assertThat(condition.getReason()).as(condition.getMessage()).isEqualTo(reason);
    });
  }

  private Deployment deployment(String name) {
    return client.apps().deployments().inNamespace(NS).withName(name).get();
  }

  @Test
  void aResourceInANamespaceWithoutARouterIsJudgedOnItsOwn() {
    awaitCondition(LogicalModel.class, "chat", "Accepted", "True", "Valid");
    awaitCondition(LogicalModel.class, "chat", "Programmed", "False", "NoRouter");
    assertThat(condition(LogicalModel.class, "chat", "ResolvedRefs").getStatus()).isEqualTo("Unknown");

    RoutingPolicy edited = Edits.edit(client.resources(RoutingPolicy.class).inNamespace(NS).withName("chat-default"),
        policy -> {
          policy.getSpec().circuitBreaker.failureRateThreshold = 5.0;
          return policy;
        });

    awaitCondition(RoutingPolicy.class, "chat-default", "Accepted", "False", "Invalid");
    assertThat(condition(RoutingPolicy.class, "chat-default", "Accepted").getMessage())
        .contains("spec.circuitBreaker.failureRateThreshold");
    assertThat(client.resources(RoutingPolicy.class).inNamespace(NS).withName("chat-default").get()
        .getStatus().observedGeneration).isEqualTo(edited.getMetadata().getGeneration());
  }

  @Test
  void aDeletedDeploymentIsRestoredWithoutWaitingForTheStatsInterval() {
    cluster.router(NS, "edge");
    await().atMost(WAIT).until(() -> deployment("edge") != null);
    String firstUid = deployment("edge").getMetadata().getUid();

    client.apps().deployments().inNamespace(NS).withName("edge").delete();

    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(deployment("edge")).isNotNull();
      assertThat(deployment("edge").getMetadata().getUid()).isNotEqualTo(firstUid);
    });
  }

  @Test
  void aRoutersDeletionForgetsItAndItsResourcesSaySoAtOnce() {
    Router router = cluster.router(NS, "edge");
    awaitCondition(RoutingPolicy.class, "chat-default", "Programmed", "True", "Published");
    await().atMost(WAIT).until(() -> operator.rememberedRouters().contains(router.getMetadata().getUid()));

    client.resources(Router.class).inNamespace(NS).withName("edge").delete();

    await().atMost(WAIT).until(() -> client.resources(Router.class).inNamespace(NS).withName("edge").get() == null);
    assertThat(operator.rememberedRouters()).isEmpty();
    awaitCondition(RoutingPolicy.class, "chat-default", "Programmed", "False", "NoRouter");
  }

  @Test
  void aSecondRouterForTheSameNamespaceSaysWhoServesItAndTakesOverWhenThatOneGoes() {
    cluster.router(NS, "edge");
    await().atMost(WAIT).until(() -> deployment("edge") != null);
    cluster.router(NS, "edge-2");

    await().atMost(WAIT).untilAsserted(() -> {
      Condition accepted = condition(Router.class, "edge-2", "Accepted");
      assertThat(accepted).isNotNull();
      assertThat(accepted.getReason()).isEqualTo("NamespaceConflict");
      assertThat(accepted.getMessage()).contains("Router team/edge");
    });
    assertThat(deployment("edge-2")).as("the second Router runs no proxies").isNull();
    assertThat(client.configMaps().inNamespace(NS).withName("edge-2-config").get()).isNull();

    client.resources(Router.class).inNamespace(NS).withName("edge").delete();

    await().atMost(WAIT).until(() -> deployment("edge-2") != null);
    awaitCondition(Router.class, "edge-2", "Accepted", "True", "Valid");
    awaitCondition(RoutingPolicy.class, "chat-default", "Programmed", "True", "Published");
  }
}
