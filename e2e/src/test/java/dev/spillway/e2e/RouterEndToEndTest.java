package dev.spillway.e2e;

import static dev.spillway.proxy.testing.ProxyClient.chatBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spillway.api.v1alpha1.ProviderAccount;
import dev.spillway.api.v1alpha1.Route;
import dev.spillway.api.v1alpha1.Consumer;
import dev.spillway.api.v1alpha1.ConsumerKey;
import dev.spillway.api.v1alpha1.ConsumerSpec;
import dev.spillway.api.v1alpha1.Router;
import dev.spillway.api.v1alpha1.SecretKeyRef;
import dev.spillway.api.v1alpha1.RoutingPolicy;
import dev.spillway.config.ClusterLayout;
import dev.spillway.operator.testing.Edits;
import dev.spillway.operator.testing.MockCluster;
import dev.spillway.operator.testing.OperatorHarness;
import dev.spillway.operator.testing.RepoPaths;
import dev.spillway.proxy.testing.ProxyClient;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole system without a cluster: the Fabric8 mock API server (CRUD, generated CRDs), the
 * operator in this JVM, the proxy as its own JVM in in-cluster mode, and samples/quickstart applied
 * with the Fabric8 client. The test plays the Deployment controller (docs/architecture.md, "Testing without a cluster").
 */
class RouterEndToEndTest {
  static final String NS = "demo";
  static final Duration STARTUP = Duration.ofSeconds(60);
  static final String CHAT = chatBody("chat");
  static final String KEY = "sk-e2e-team-0123456789abcdefghij";
  /** In a cluster every call needs a Consumer's key. */
  static final Map<String, String> AUTH = Map.of("authorization", "Bearer " + KEY);

  MockCluster cluster;
  KubernetesClient kube;
  OperatorHarness operator;
  ProxyProcess proxy;
  ProxyClient client;
  @TempDir Path secrets;

  @BeforeEach
  void startTheSystem() {
    cluster = new MockCluster();
    kube = cluster.client();
    cluster.namespace(NS);
  }

  @AfterEach
  void stopTheSystem() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    if (operator != null) {
      operator.close();
    }
    cluster.close();
  }

  @Test
  void quickstartSamplesBecomeARunningRouterThatFollowsEditsAndReportsWhatItServed() throws Exception {
    String firstVersion = applySamplesAndStartTheProxy();

    assertThat(client.chat(CHAT).statusCode()).as("without a key").isEqualTo(401);
    HttpResponse<String> first = client.chat(CHAT, AUTH);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(first.headers().firstValue("x-spillway-served-by")).hasValue("sim-primary/sim-fast-1");
    assertThat(first.headers().firstValue("x-spillway-config-version")).hasValue(firstVersion);

    try (Traffic traffic = new Traffic(client, CHAT, AUTH)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> traffic.calls().size() >= 5);

      long editedAt = System.nanoTime();
      Edits.edit(kube.resources(RoutingPolicy.class).inNamespace(NS).withName("chat-default"), policy -> {
        policy.getSpec().route = new Route();
        policy.getSpec().route.model = "chat-smart";
        return policy;
      });
      await().atMost(Duration.ofSeconds(10)).until(() -> traffic.calls().stream()
          .anyMatch(c -> c.startedNanos() > editedAt && "sim-smart/sim-large-1".equals(c.servedBy())));
      long firstRerouted = traffic.calls().stream()
          .filter(c -> c.startedNanos() > editedAt && "sim-smart/sim-large-1".equals(c.servedBy()))
          .mapToLong(Traffic.Call::startedNanos).min().orElseThrow();
      Duration rerouted = Duration.ofNanos(firstRerouted - editedAt);
      System.out.println("e2e: RoutingPolicy edit to first rerouted call: " + rerouted.toMillis() + " ms");
      assertThat(rerouted).as("edit to rerouted call").isLessThan(Duration.ofSeconds(2));
      String goodVersion = publishedVersion();
      assertThat(goodVersion).isNotEqualTo(firstVersion);

      Edits.edit(kube.resources(RoutingPolicy.class).inNamespace(NS).withName("chat-default"), policy -> {
        policy.getSpec().circuitBreaker.failureRateThreshold = 5.0;
        return policy;
      });
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        Condition accepted = condition("chat-default", "Accepted");
        assertThat(accepted.getStatus()).isEqualTo("False");
        assertThat(accepted.getMessage()).contains("spec.circuitBreaker.failureRateThreshold");
      });
      int afterRejection = traffic.calls().size();
      await().atMost(Duration.ofSeconds(10)).until(() -> traffic.calls().size() >= afterRejection + 5);
      assertThat(publishedVersion()).isEqualTo(goodVersion);
      assertThat(traffic.calls().subList(afterRejection, traffic.calls().size()))
          .allSatisfy(c -> assertThat(c.servedBy()).isEqualTo("sim-smart/sim-large-1"));

      List<Traffic.Call> calls = traffic.stop();
      assertThat(calls).as("calls that failed under steady traffic")
          .allSatisfy(c -> assertThat(c.status()).as(c.body()).isEqualTo(200));
      long sentToChatDefault = 1 + calls.stream().filter(c -> "chat-default".equals(c.policy())).count();

      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        RoutingPolicy policy = kube.resources(RoutingPolicy.class).inNamespace(NS).withName("chat-default").get();
        assertThat(policy.getStatus()).isNotNull();
        assertThat(policy.getStatus().matched).isEqualTo(sentToChatDefault);
        assertThat(policy.getStatus().successRate).isEqualTo(1.0);
        assertThat(policy.getStatus().errorRate).isEqualTo(0.0);
        // The engine's live state of the account that served the edited route, from the real proxy.
        ProviderAccount smart = kube.resources(ProviderAccount.class).inNamespace(NS).withName("sim-smart").get();
        assertThat(smart.getStatus().circuit).isEqualTo("closed");
        assertThat(smart.getStatus().health).isEqualTo("Healthy");
        assertThat(smart.getStatus().latencyP95Ms).isNotNull().isPositive();
        assertThat(smart.getStatus().spendUsd).isNotNull();
        Consumer team = kube.resources(Consumer.class).inNamespace(NS).withName("team-e2e").get();
        assertThat(team.getStatus()).isNotNull();
        assertThat(team.getStatus().requests).isEqualTo(sentToChatDefault);
        assertThat(team.getStatus().activeKeys).isEqualTo(1);
      });
    }
    Router router = kube.resources(Router.class).inNamespace(NS).withName("edge").get();
    assertThat(router.getStatus().configVersion).isEqualTo(publishedVersion());
    assertThat(router.getStatus().replicas).singleElement()
        .satisfies(replica -> assertThat(replica.configVersion).isEqualTo(publishedVersion()));
  }

  /** Samples and a Router applied, the operator running, the proxy JVM serving the first config. */
  private String applySamplesAndStartTheProxy() throws Exception {
    cluster.applyFolder(RepoPaths.samples().resolve("quickstart"), NS);
    cluster.secret(NS, "team-e2e-keys", Map.of("current", KEY));
    Consumer consumer = new Consumer();
    consumer.getMetadata().setName("team-e2e");
    consumer.getMetadata().setNamespace(NS);
    consumer.setSpec(new ConsumerSpec());
    consumer.getSpec().keys = List.of(new ConsumerKey(new SecretKeyRef("team-e2e-keys", "current"), null));
    kube.resource(consumer).create();
    Router router = new Router();
    router.getMetadata().setName("edge");
    router.getMetadata().setNamespace(NS);
    router.setSpec(new dev.spillway.api.v1alpha1.RouterSpec());
    router.getSpec().replicas = 1;
    kube.resource(router).create();

    // The operator scrapes pods at 127.0.0.1 on the proxy's port: known before either starts.
    proxy = ProxyProcess.start(cluster.url(), NS + "/edge-config", secrets);
    operator = new OperatorHarness(cluster, proxy.adminPort(), Duration.ofMillis(500));
    await().atMost(STARTUP).until(() -> kube.apps().deployments().inNamespace(NS).withName("edge").get() != null);
    cluster.playDeployment(NS, "edge");

    client = new ProxyClient(proxy.port());
    String version = await().atMost(STARTUP).pollInterval(200, TimeUnit.MILLISECONDS)
        .until(this::publishedVersion, v -> v != null && readyOn(v));
    return version;
  }

  private boolean readyOn(String version) {
    assertThat(proxy.alive()).as(proxy::state).isTrue();
    try {
      HttpResponse<String> ready = client.get("/readyz");
      return ready.statusCode() == 200 && ready.body().contains(version);
    } catch (Exception notYet) {
      return false;
    }
  }

  private String publishedVersion() {
    var configMap = kube.configMaps().inNamespace(NS).withName("edge-config").get();
    return configMap == null ? null : configMap.getData().get(ClusterLayout.VERSION_KEY);
  }

  private Condition condition(String policy, String type) {
    RoutingPolicy resource = kube.resources(RoutingPolicy.class).inNamespace(NS).withName(policy).get();
    assertThat(resource.getStatus()).as("status of " + policy).isNotNull();
    return resource.getStatus().conditions.stream().filter(c -> type.equals(c.getType())).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " condition on " + policy));
  }
}
