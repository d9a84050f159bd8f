package dev.spillway.operator.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.spillway.api.v1alpha1.LogicalModel;
import dev.spillway.api.v1alpha1.ProviderAccount;
import dev.spillway.api.v1alpha1.ResourceStatus;
import dev.spillway.api.v1alpha1.Router;
import dev.spillway.api.v1alpha1.RoutingPolicy;
import dev.spillway.api.v1alpha1.SecretKeyRef;
import dev.spillway.config.ClusterLayout;
import dev.spillway.config.ConfigJson;
import dev.spillway.config.PublishedConfig;
import dev.spillway.operator.testing.Edits;
import dev.spillway.operator.testing.MockCluster;
import dev.spillway.operator.testing.OperatorHarness;
import dev.spillway.operator.testing.RepoPaths;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Router controller against the mock API server: samples/quickstart applied, then edits. A
 * small HTTP server stands in for the proxy replicas' stats endpoint.
 */
class RouterControllerTest {
  static final String NS = "team";
  static final Duration WAIT = Duration.ofSeconds(20);

  MockCluster cluster;
  KubernetesClient client;
  OperatorHarness operator;
  HttpServer fakeProxy;
  final AtomicReference<String> stats = new AtomicReference<>("{\"configVersion\":null}");
  final AtomicInteger transitionReads = new AtomicInteger();
  static final String OPENED = "{\"seq\":1,\"atMs\":1,\"kind\":\"CIRCUIT_OPENED\",\"account\":\"sim-primary\","
      + "\"target\":\"sim-primary/sim-fast-1\",\"message\":\"circuit opened\"}";
  static final String CLOSED = "{\"seq\":2,\"atMs\":2,\"kind\":\"CIRCUIT_CLOSED\",\"account\":\"sim-primary\","
      + "\"target\":\"sim-primary/sim-fast-1\",\"message\":\"circuit closed\"}";

  @BeforeEach
  void start() throws Exception {
    fakeProxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    fakeProxy.createContext("/v1/spillway/stats", exchange -> {
      byte[] body = stats.get().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    fakeProxy.createContext("/v1/spillway/transitions", exchange -> {
      transitionReads.incrementAndGet();
      // A circuit that opened and closed again between two scrapes; read with the operator's cursor.
      long after = Long.parseLong(exchange.getRequestURI().getQuery().replaceAll(".*after=(\\d+).*", "$1"));
      String entries = after >= 2 ? "" : (after < 1 ? OPENED + "," : "") + CLOSED;
      byte[] body = ("{\"instance\":\"run1\",\"startedAtMs\":0,\"next\":" + Math.max(after, 2)
          + ",\"gap\":false,\"transitions\":[" + entries + "]}").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    fakeProxy.start();
    cluster = new MockCluster();
    client = cluster.client();
    cluster.namespace(NS);
    cluster.applyFolder(RepoPaths.samples().resolve("quickstart"), NS);
    operator = new OperatorHarness(cluster, fakeProxy.getAddress().getPort(), Duration.ofMillis(500));
  }

  @AfterEach
  void stop() {
    operator.close();
    cluster.close();
    fakeProxy.stop(0);
  }

  private ConfigMap configMap() {
    return client.configMaps().inNamespace(NS).withName("edge-config").get();
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
      assertThat(condition.getStatus()).isEqualTo(status);
      assertThat(condition.getReason()).isEqualTo(reason);
    });
  }

  @Test
  void aRouterGetsItsConfigMapWorkloadAndLeastPrivilegeRbacAndEveryResourceIsProgrammed() {
    cluster.router(NS, "edge");

    await().atMost(WAIT).until(() -> configMap() != null);
    ConfigMap published = configMap();
    String version = published.getData().get(ClusterLayout.VERSION_KEY);
    assertThat(published.getMetadata().getAnnotations()).containsEntry(ClusterLayout.VERSION_ANNOTATION, version);
    assertThat(published.getBinaryData()).containsKey(ClusterLayout.CONFIG_GZ_KEY);
    assertThat(PublishedConfig.read(published.getData(), published.getBinaryData()).version()).isEqualTo(version);
    await().atMost(WAIT).until(() -> client.apps().deployments().inNamespace(NS).withName("edge").get() != null);
    Deployment deployment = client.apps().deployments().inNamespace(NS).withName("edge").get();
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
        .containsSequence("--configmap", NS + "/edge-config");
    assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("edge-proxy");
    assertThat(client.services().inNamespace(NS).withName("edge").get()).isNotNull();
    Role role = client.rbac().roles().inNamespace(NS).withName("edge-proxy").get();
    assertThat(role.getRules()).hasSize(2);
    assertThat(role.getRules().get(0)).satisfies(rule -> {
      assertThat(rule.getResources()).containsExactly("configmaps");
      assertThat(rule.getResourceNames()).containsExactly("edge-config");
      assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "list", "watch");
    });
    // The live page's cluster panel reads the operator's status of the served models and accounts; no writes.
    assertThat(role.getRules().get(1)).satisfies(rule -> {
      assertThat(rule.getApiGroups()).containsExactly("spillway.dev");
      assertThat(rule.getResources()).containsExactlyInAnyOrder("logicalmodels", "provideraccounts");
      assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "list", "watch");
    });
    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
        .containsSequence("--status-namespace", NS);
    assertThat(client.rbac().roleBindings().inNamespace(NS).withName("edge-proxy").get()).isNotNull();

    awaitCondition(RoutingPolicy.class, "chat-default", "Programmed", "True", "Published");
    awaitCondition(LogicalModel.class, "chat", "Accepted", "True", "Valid");
    awaitCondition(ProviderAccount.class, "sim-primary", "ResolvedRefs", "True", "Resolved");
    await().atMost(WAIT).untilAsserted(() -> {
      Router router = client.resources(Router.class).inNamespace(NS).withName("edge").get();
      // Written after the other resources' status in the same pass: it may not be there yet.
      assertThat(router.getStatus()).isNotNull();
      assertThat(router.getStatus().configVersion).isEqualTo(version);
      assertThat(router.getStatus().observedGeneration).isEqualTo(router.getMetadata().getGeneration());
    });
  }

  @Test
  void anInvalidEditIsNeverPublishedAndTheResourceSaysWhichField() {
    cluster.router(NS, "edge");
    await().atMost(WAIT).until(() -> configMap() != null);
    String good = configMap().getData().get(ClusterLayout.VERSION_KEY);

    Edits.edit(client.resources(RoutingPolicy.class).inNamespace(NS).withName("chat-default"),
        policy -> {
          policy.getSpec().circuitBreaker.failureRateThreshold = 5.0;
          return policy;
        });

    awaitCondition(RoutingPolicy.class, "chat-default", "Accepted", "False", "Invalid");
    assertThat(condition(RoutingPolicy.class, "chat-default", "Accepted").getMessage())
        .contains("spec.circuitBreaker.failureRateThreshold");
    // Judged on its own at once (references Unknown), then by the Router's compile of the namespace.
    awaitCondition(RoutingPolicy.class, "chat-default", "ResolvedRefs", "True", "Resolved");
    awaitCondition(LogicalModel.class, "chat", "Programmed", "False", "ConfigRejected");
    assertThat(condition(LogicalModel.class, "chat", "Programmed").getMessage())
        .contains("RoutingPolicy/chat-default").contains(good);
    assertThat(configMap().getData().get(ClusterLayout.VERSION_KEY)).isEqualTo(good);
    await().atMost(WAIT).until(() -> client.v1().events().inNamespace(NS).list().getItems().stream()
        .anyMatch(e -> "ConfigRejected".equals(e.getReason())
            && "chat-default".equals(e.getInvolvedObject().getName())));
  }

  @Test
  void aMissingSecretIsAnUnresolvedRefUntilItAppearsThenItIsMounted() {
    cluster.router(NS, "edge");
    await().atMost(WAIT).until(() -> configMap() != null);
    Edits.edit(client.resources(ProviderAccount.class).inNamespace(NS).withName("sim-backup"), account -> {
      account.getSpec().credentialsSecretRef = new SecretKeyRef("backup-keys", "api-key");
      return account;
    });

    awaitCondition(ProviderAccount.class, "sim-backup", "ResolvedRefs", "False", "SecretNotFound");
    assertThat(condition(ProviderAccount.class, "sim-backup", "ResolvedRefs").getMessage())
        .contains("spec.credentialsSecretRef.name");

    cluster.secret(NS, "backup-keys", Map.of("api-key", "sk-test"));

    awaitCondition(ProviderAccount.class, "sim-backup", "ResolvedRefs", "True", "Resolved");
    await().atMost(WAIT).untilAsserted(() -> assertThat(client.apps().deployments().inNamespace(NS)
        .withName("edge").get().getSpec().getTemplate().getSpec().getVolumes())
        .anySatisfy(volume -> assertThat(volume.getSecret().getSecretName()).isEqualTo("backup-keys")));
    assertThat(ConfigJson.write(PublishedConfig.read(configMap().getData(), configMap().getBinaryData())))
        .doesNotContain("sk-test");
  }

  @Test
  void liveNumbersFromTheReplicasReachStatus() {
    cluster.router(NS, "edge");
    await().atMost(WAIT).until(() -> client.apps().deployments().inNamespace(NS).withName("edge").get() != null);
    String version = configMap().getData().get(ClusterLayout.VERSION_KEY);
    stats.set("{\"configVersion\":\"" + version + "\","
        + "\"policies\":{\"chat-default\":{\"matched\":10,\"succeeded\":9,\"failed\":1}},"
        + "\"targets\":{\"sim-primary/sim-fast-1\":{\"account\":\"sim-primary\",\"calls\":4,\"errors\":1,"
        + "\"live\":{\"p95Ms\":42.5,\"windowCalls\":4,\"circuit\":\"OPEN\",\"spentUsd\":0.125}}}}");

    cluster.playDeployment(NS, "edge");

    await().atMost(WAIT).untilAsserted(() -> {
      RoutingPolicy policy = client.resources(RoutingPolicy.class).inNamespace(NS).withName("chat-default").get();
      assertThat(policy.getStatus()).isNotNull();
      // Two replicas, each answering with the same counters: the sum.
      assertThat(policy.getStatus().matched).isEqualTo(20);
      assertThat(policy.getStatus().successRate).isEqualTo(0.9);
      assertThat(policy.getStatus().errorRate).isEqualTo(0.1);
      ProviderAccount account = client.resources(ProviderAccount.class).inNamespace(NS).withName("sim-primary").get();
      assertThat(account.getStatus()).isNotNull();
      assertThat(account.getStatus().errorRate).isEqualTo(0.25);
      assertThat(account.getStatus().health).as("its only target's breaker is open").isEqualTo("Unhealthy");
      assertThat(account.getStatus().circuit).isEqualTo("open 1/1");
      assertThat(account.getStatus().latencyP95Ms).isEqualTo(42.5);
      assertThat(account.getStatus().spendUsd).isEqualTo(0.25);
      assertThat(account.getStatus().budgetRemainingUsd).as("no budget").isNull();
      assertThat(client.v1().events().inNamespace(NS).list().getItems())
          .filteredOn(e -> e.getReason().equals("CircuitOpened")).singleElement().satisfies(e -> {
            assertThat(e.getInvolvedObject().getName()).isEqualTo("sim-primary");
            assertThat(e.getMessage()).contains("sim-primary/sim-fast-1").contains("circuit opened");
          });
      LogicalModel model = client.resources(LogicalModel.class).inNamespace(NS).withName("chat").get();
      assertThat(model.getStatus().servingTarget).isEqualTo("sim-primary/sim-fast-1");
      Router router = client.resources(Router.class).inNamespace(NS).withName("edge").get();
      assertThat(router.getStatus()).isNotNull();
      assertThat(router.getStatus().replicas).extracting(r -> r.configVersion).containsOnly(version);
      assertThat(router.getStatus().replicas).hasSize(2);
      assertThat(router.getStatus().conditions).anySatisfy(c -> {
        assertThat(c.getType()).isEqualTo("Ready");
        assertThat(c.getStatus()).isEqualTo("True");
      });
    });

    // Many more passes read the logs again: each transition stays exactly one Event.
    int reads = transitionReads.get();
    await().atMost(WAIT).until(() -> transitionReads.get() >= reads + 6);
    assertThat(client.v1().events().inNamespace(NS).list().getItems())
        .filteredOn(e -> e.getReason().startsWith("Circuit"))
        .extracting(e -> e.getReason()).containsExactlyInAnyOrder("CircuitOpened", "CircuitClosed");

    // A restarted operator has no cursors and reads the logs from the start: still once each.
    operator.close();
    operator = new OperatorHarness(cluster, fakeProxy.getAddress().getPort(), Duration.ofMillis(500));
    int beforeRestart = transitionReads.get();
    await().atMost(WAIT).until(() -> transitionReads.get() >= beforeRestart + 4);
    assertThat(client.v1().events().inNamespace(NS).list().getItems())
        .filteredOn(e -> e.getReason().startsWith("Circuit"))
        .extracting(e -> e.getReason()).containsExactlyInAnyOrder("CircuitOpened", "CircuitClosed");
  }
}
