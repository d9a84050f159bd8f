package dev.spillway.e2e;

import static dev.spillway.proxy.testing.ProxyClient.chatBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spillway.api.v1alpha1.CanaryStep;
import dev.spillway.api.v1alpha1.ModelRollout;
import dev.spillway.api.v1alpha1.ModelRolloutStatus;
import dev.spillway.api.v1alpha1.ProviderAccount;
import dev.spillway.api.v1alpha1.Router;
import dev.spillway.api.v1alpha1.SimulatedFault;
import dev.spillway.config.ClusterLayout;
import dev.spillway.operator.testing.Edits;
import dev.spillway.operator.testing.MockCluster;
import dev.spillway.operator.testing.OperatorHarness;
import dev.spillway.operator.testing.RepoPaths;
import dev.spillway.proxy.testing.ProxyClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model swaps through the whole system: samples/rollout on the mock API server, the operator in
 * this JVM, the proxy as its own JVM in in-cluster mode. The evals run in the proxy process; the
 * canary's rollback is decided there and reported by the operator.
 */
class RolloutEndToEndTest {
  static final String NS = "shop";
  static final Duration STARTUP = Duration.ofSeconds(60);
  static final Path SAMPLE = RepoPaths.samples().resolve("rollout");

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
    cluster.applyFolder(SAMPLE, NS);
    cluster.applyEvalSets(SAMPLE, NS);
    Router router = new Router();
    router.getMetadata().setName("edge");
    router.getMetadata().setNamespace(NS);
    router.setSpec(new dev.spillway.api.v1alpha1.RouterSpec());
    router.getSpec().replicas = 1;
    kube.resource(router).create();
    // Rollouts, not keys, are under test here: the proxy serves anonymous calls (auth is
    // RouterEndToEndTest's), and the operator reaches the evals endpoint on the admin port.
    proxy = ProxyProcess.start(cluster.url(), NS + "/edge-config", secrets, "--auth", "open");
    operator = new OperatorHarness(cluster, proxy.adminPort(), Duration.ofMillis(500));
    await().atMost(STARTUP).until(() -> kube.apps().deployments().inNamespace(NS).withName("edge").get() != null);
    cluster.playDeployment(NS, "edge");
    client = new ProxyClient(proxy.port());
    await().atMost(STARTUP).pollInterval(200, TimeUnit.MILLISECONDS).ignoreExceptions().until(() -> {
      String version = publishedVersion();
      HttpResponse<String> ready = version == null ? null : client.get("/readyz");
      return ready != null && ready.statusCode() == 200 && ready.body().contains(version);
    });
  }

  @AfterEach
  void stopTheSystem() throws Exception {
    proxy.close();
    operator.close();
    cluster.close();
  }

  @Test
  void aWorseCandidateIsRejectedWithItsReasonsFromTheProxysEvalRun() {
    cluster.applyRollout(SAMPLE, "support-worse", NS, rollout -> {});

    ModelRolloutStatus status = await().atMost(STARTUP).until(() -> status("support-worse"),
        s -> s != null && "Rejected".equals(s.phase));

    assertThat(status.candidateScore).isEqualTo(0.371);
    assertThat(status.incumbentScore).isEqualTo(0.857);
    assertThat(status.differences).extracting(d -> d.name + ":" + d.reason).contains(
        "capital:wrongAnswer", "order-json:codeFence", "refund-policy:refusal", "motto:escaping");
  }

  @Test
  void aBetterCandidateIsPromotedStepByStepAndServes() throws Exception {
    cluster.applyRollout(SAMPLE, "support-better", NS, rollout -> {
      rollout.getSpec().shadow = null;
      rollout.getSpec().canary.steps = List.of(step(50, "1s"), step(100, "1s"));
    });

    await().atMost(STARTUP).until(() -> status("support-better"), s -> s != null && "Promoted".equals(s.phase));

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
        client.chat(chatBody("support")).headers().firstValue("x-spillway-served-by")).hasValue("sim-better/support-v2"));
  }

  @Test
  void aCandidateThatStartsFailingInTheCanaryIsRolledBackByTheProxy() throws Exception {
    // The sample's candidate fails 20 s after load; here it fails when the test says so.
    faults(List.of());
    cluster.applyRollout(SAMPLE, "support-degrading", NS, rollout -> {
      rollout.getSpec().canary.steps = List.of(step(50, "1h"));
      rollout.getSpec().canary.guards.minCalls = 5;
    });
    await().atMost(STARTUP).until(() -> status("support-degrading"), s -> s != null && "Canary".equals(s.phase));
    await().atMost(Duration.ofSeconds(20)).until(() -> "sim-degrading/support-v3".equals(
        client.chat(chatBody("support")).headers().firstValue("x-spillway-served-by").orElse("")));

    SimulatedFault fault = new SimulatedFault();
    fault.kind = "error";
    faults(List.of(fault));
    await().atMost(Duration.ofSeconds(30)).pollInterval(50, TimeUnit.MILLISECONDS).until(() -> {
      HttpResponse<String> served = client.chat(chatBody("support"));
      assertThat(served.statusCode()).as("users keep being served: " + served.body()).isEqualTo(200);
      return status("support-degrading") != null && "RolledBack".equals(status("support-degrading").phase);
    });

    assertThat(status("support-degrading").reason).startsWith("rolled back by the proxies in Canary step 1: error rate");
    for (int i = 0; i < 20; i++) {
      assertThat(client.chat(chatBody("support")).headers().firstValue("x-spillway-served-by"))
          .hasValue("sim-current/support-v1");
    }
  }

  private void faults(List<SimulatedFault> faults) {
    Edits.edit(kube.resources(ProviderAccount.class).inNamespace(NS).withName("sim-degrading"), account -> {
      account.getSpec().simulation.faults = faults;
      return account;
    });
  }

  private static CanaryStep step(double percent, String duration) {
    CanaryStep step = new CanaryStep();
    step.percent = percent;
    step.duration = duration;
    return step;
  }

  private ModelRolloutStatus status(String name) {
    ModelRollout rollout = kube.resources(ModelRollout.class).inNamespace(NS).withName(name).get();
    return rollout == null ? null : rollout.getStatus();
  }

  private String publishedVersion() {
    var configMap = kube.configMaps().inNamespace(NS).withName("edge-config").get();
    return configMap == null ? null : configMap.getData().get(ClusterLayout.VERSION_KEY);
  }
}
