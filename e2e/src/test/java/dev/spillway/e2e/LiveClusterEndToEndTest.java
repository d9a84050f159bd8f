package dev.spillway.e2e;

import static dev.spillway.proxy.testing.ProxyClient.chatBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.api.v1alpha1.AdminSpec;
import dev.spillway.api.v1alpha1.Consumer;
import dev.spillway.api.v1alpha1.ConsumerKey;
import dev.spillway.api.v1alpha1.ConsumerSpec;
import dev.spillway.api.v1alpha1.ProviderAccount;
import dev.spillway.api.v1alpha1.Router;
import dev.spillway.api.v1alpha1.RouterSpec;
import dev.spillway.api.v1alpha1.SecretKeyRef;
import dev.spillway.api.v1alpha1.TelemetrySpec;
import dev.spillway.config.ClusterLayout;
import dev.spillway.operator.testing.MockCluster;
import dev.spillway.operator.testing.OperatorHarness;
import dev.spillway.operator.testing.RepoPaths;
import dev.spillway.proxy.testing.ProxyClient;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live page's cluster side, end to end: a Router with admin credentials and a trace URL template,
 * the operator writing the Deployment, and the proxy JVM started exactly as that Deployment says (its
 * args and environment; the test plays the kubelet: ports, and the Secret mounted as files). The
 * admin port asks for the credentials, the operator's scrapes present them (the accounts' status
 * fills in), and the proxy's page shows that status and the template.
 */
class LiveClusterEndToEndTest {
  static final String NS = "demo";
  static final Duration STARTUP = Duration.ofSeconds(60);
  static final String KEY = "sk-e2e-live-0123456789abcdefghij";
  static final String ADMIN_PASSWORD = "e2e admin password";
  static final String TEMPLATE = "http://jaeger.example/trace/{traceId}";
  static final String BASIC = "Basic " + Base64.getEncoder()
      .encodeToString(("ops:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));

  final MockCluster cluster = new MockCluster();
  final KubernetesClient kube = cluster.client();
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  OperatorHarness operator;
  ProxyProcess proxy;
  ReservedPort adminPort;
  @TempDir Path secrets;
  @TempDir Path adminMount;

  @AfterEach
  void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    if (operator != null) {
      operator.close();
    }
    if (adminPort != null) {
      adminPort.close();
    }
    cluster.close();
  }

  @Test
  void theRoutersAdminCredentialsAndTraceTemplateReachTheProxyAndItsPageShowsTheClusterStatus() throws Exception {
    cluster.namespace(NS);
    cluster.applyFolder(RepoPaths.samples().resolve("quickstart"), NS);
    cluster.secret(NS, "team-live-keys", Map.of("current", KEY));
    cluster.secret(NS, "edge-admin", Map.of("username", "ops", "password", ADMIN_PASSWORD));
    consumer();
    router();
    // Chosen before the operator (which scrapes it) and held until the proxy binds it, seconds later.
    adminPort = ReservedPort.take();
    operator = new OperatorHarness(cluster, adminPort.port(), Duration.ofMillis(500));
    await().atMost(STARTUP).until(() -> kube.apps().deployments().inNamespace(NS).withName("edge").get() != null);
    Container container = kube.apps().deployments().inNamespace(NS).withName("edge").get()
        .getSpec().getTemplate().getSpec().getContainers().get(0);
    cluster.playDeployment(NS, "edge");
    // The kubelet's part: the basic-auth Secret as the files username and password.
    Files.writeString(adminMount.resolve("username"), "ops");
    Files.writeString(adminMount.resolve("password"), ADMIN_PASSWORD);
    proxy = ProxyProcess.fromDeployment(cluster.url(), container, adminPort.port(), secrets,
        Map.of(ClusterLayout.ADMIN_CREDENTIALS_DIR, adminMount));
    ProxyClient client = new ProxyClient(proxy.port());
    await().atMost(STARTUP).pollInterval(200, TimeUnit.MILLISECONDS).until(() -> ready(client));
    Map<String, String> auth = Map.of("authorization", "Bearer " + KEY);
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> call = client.chat(chatBody("chat"), auth);
      assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
    }

    assertThat(admin("/v1/spillway/live", null).statusCode()).as("the page's snapshot without credentials").isEqualTo(401);
    assertThat(admin("/metrics", null).statusCode()).isEqualTo(401);
    assertThat(admin("/metrics", BASIC).statusCode()).isEqualTo(200);
    // The operator scraped through the credentials: the account's live numbers are on its status.
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      ProviderAccount primary = kube.resources(ProviderAccount.class).inNamespace(NS).withName("sim-primary").get();
      assertThat(primary.getStatus()).isNotNull();
      assertThat(primary.getStatus().health).isEqualTo("Healthy");
      assertThat(primary.getStatus().latencyP95Ms).isNotNull().isPositive();
    });
    // And the proxy's page shows that status as the cluster's, with the Router's trace template.
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      JsonNode panel = new ObjectMapper().readTree(admin("/v1/spillway/live", BASIC).body());
      assertThat(panel.path("traceUrlTemplate").asText()).isEqualTo(TEMPLATE);
      JsonNode clusterView = panel.path("cluster");
      assertThat(clusterView.path("source").asText()).isEqualTo("OPERATOR");
      assertThat(clusterView.path("note").asText()).isEqualTo("the operator's status of namespace demo, summed over every replica");
      assertThat(clusterView.path("accounts").findValuesAsText("name")).contains("sim-primary", "sim-backup");
      JsonNode primary = null;
      for (JsonNode account : clusterView.path("accounts")) {
        if ("sim-primary".equals(account.path("name").asText())) {
          primary = account;
        }
      }
      assertThat(primary).isNotNull();
      assertThat(primary.path("health").asText()).isEqualTo("Healthy");
      assertThat(primary.path("latencyP95Ms").isNumber()).isTrue();
    });
  }

  private void consumer() {
    Consumer consumer = new Consumer();
    consumer.getMetadata().setName("team-live");
    consumer.getMetadata().setNamespace(NS);
    consumer.setSpec(new ConsumerSpec());
    consumer.getSpec().keys = List.of(new ConsumerKey(new SecretKeyRef("team-live-keys", "current"), null));
    kube.resource(consumer).create();
  }

  private void router() {
    Router router = new Router();
    router.getMetadata().setName("edge");
    router.getMetadata().setNamespace(NS);
    router.setSpec(new RouterSpec());
    router.getSpec().replicas = 1;
    router.getSpec().admin = new AdminSpec();
    router.getSpec().admin.credentialsSecret = "edge-admin";
    router.getSpec().telemetry = new TelemetrySpec();
    router.getSpec().telemetry.traceUrlTemplate = TEMPLATE;
    kube.resource(router).create();
  }

  private boolean ready(ProxyClient client) {
    assertThat(proxy.alive()).as(proxy::state).isTrue();
    try {
      return client.get("/readyz").statusCode() == 200;
    } catch (Exception notYet) {
      return false;
    }
  }

  private HttpResponse<String> admin(String path, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.adminPort() + path))
        .timeout(Duration.ofSeconds(5));
    if (authorization != null) {
      request.header("authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
