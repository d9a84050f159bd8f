package dev.spillway.proxy.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spillway.api.v1alpha1.LogicalModel;
import dev.spillway.api.v1alpha1.LogicalModelSpec;
import dev.spillway.api.v1alpha1.LogicalModelStatus;
import dev.spillway.api.v1alpha1.ProviderAccount;
import dev.spillway.api.v1alpha1.ProviderAccountSpec;
import dev.spillway.api.v1alpha1.ProviderAccountStatus;
import dev.spillway.proxy.admin.AdminCredentials;
import dev.spillway.proxy.cli.top.PanelClient;
import dev.spillway.proxy.cli.top.TopCommand;
import dev.spillway.proxy.live.ClusterView;
import dev.spillway.proxy.live.Panel;
import dev.spillway.proxy.server.ProxyOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The live page's cluster panel in a cluster: the operator's status of the served namespace's
 * LogicalModels and ProviderAccounts, read by the proxy through the API (Fabric8 mock, CRUD mode),
 * beside the replica's own figures, in the snapshot and in {@code top}'s text.
 */
@EnableKubernetesMockClient(crud = true)
class ClusterStatusPanelTest {
  static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  static final String NS = "team";

  KubernetesClient kube;
  @TempDir Path secrets;
  ClusterProxy proxy;

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
  }

  @Test
  void showsTheOperatorsStatusOfTheServedNamespaceAndFollowsIt() throws Exception {
    model("chat", "sim-backup/sim-fast-1");
    account("sim-primary", "Unhealthy", 1234.0, 0.6, "open");
    account("sim-backup", "Healthy", 105.0, 0.0, "closed");
    start(NS);

    Panel panel = await().atMost(Duration.ofSeconds(10)).until(this::panel,
        read -> read.cluster().source() == ClusterView.Source.OPERATOR && read.cluster().accounts().size() == 2);
    assertThat(panel.cluster().note()).isEqualTo("the operator's status of namespace team, summed over every replica");
    assertThat(panel.cluster().models()).containsExactly(new ClusterView.Model("chat", "sim-backup/sim-fast-1"));
    assertThat(panel.cluster().accounts()).first().satisfies(backup -> {
      assertThat(backup.name()).isEqualTo("sim-backup");
      assertThat(backup.health()).isEqualTo("Healthy");
    });
    assertThat(panel.cluster().accounts().get(1)).isEqualTo(new ClusterView.Account("sim-primary", "Unhealthy", 1234.0,
        0.6, "open", 0.12, 9.88, "passing"));

    String top = top();
    assertThat(top)
        .contains("cluster (the operator's status of namespace team, summed over every replica)")
        .containsPattern("(?m)^  ACCOUNT +HEALTH +P95 +ERRORS +CIRCUIT +SPEND +BUDGET LEFT +HEALTH CHECK$")
        .containsPattern("(?m)^  sim-primary +Unhealthy +1234ms +60% +open +\\$0\\.12 +\\$9\\.88 +passing$")
        .containsPattern("(?m)^  sim-backup +Healthy +105ms +0% +closed ")
        .containsPattern("(?m)^  chat +sim-backup/sim-fast-1$");

    // The operator writes new status after its next scrape: the page follows without a reload.
    account("sim-primary", "Healthy", 40.0, 0.0, "closed");
    model("chat", "sim-primary/sim-fast-1");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      Panel now = panel();
      assertThat(now.cluster().models()).containsExactly(new ClusterView.Model("chat", "sim-primary/sim-fast-1"));
      assertThat(now.cluster().accounts().get(1).circuit()).isEqualTo("closed");
    });
  }

  @Test
  void withoutAStatusNamespaceThePanelSaysWhy() throws Exception {
    start(null);

    ClusterView cluster = panel().cluster();
    assertThat(cluster.source()).isEqualTo(ClusterView.Source.NONE);
    assertThat(cluster.note()).isEqualTo(ClusterProxy.NO_STATUS);
    assertThat(top()).contains("cluster (no cluster-wide figures: the operator passes --status-namespace only");
  }

  private void start(String statusNamespace) {
    KubernetesClient own = new KubernetesClientBuilder().withConfig(kube.getConfiguration()).build();
    proxy = ClusterProxy.start(new ProxyOptions("127.0.0.1", 0, 64 * 1024), new ConfigMapRef(NS, "router-config"),
        secrets, own, statusNamespace);
  }

  private Panel panel() throws Exception {
    return new PanelClient("http://127.0.0.1:" + proxy.adminPort(), AdminCredentials.NONE).read();
  }

  private String top() {
    StringWriter out = new StringWriter();
    int exit = new CommandLine(new TopCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(new StringWriter()))
        .execute("--url", "http://127.0.0.1:" + proxy.adminPort(), "--once", "--color", "never");
    assertThat(exit).isZero();
    return out.toString();
  }

  /** As the operator leaves it: the resource, then its status. */
  private void model(String name, String serving) {
    LogicalModel model = new LogicalModel();
    model.getMetadata().setName(name);
    model.getMetadata().setNamespace(NS);
    model.setSpec(new LogicalModelSpec());
    LogicalModel stored = kube.resource(model).createOr(existing -> existing.update());
    stored.setStatus(new LogicalModelStatus());
    stored.getStatus().servingTarget = serving;
    kube.resource(stored).updateStatus();
  }

  private void account(String name, String health, double p95, double errorRate, String circuit) {
    ProviderAccount account = new ProviderAccount();
    account.getMetadata().setName(name);
    account.getMetadata().setNamespace(NS);
    account.setSpec(new ProviderAccountSpec());
    ProviderAccount stored = kube.resource(account).createOr(existing -> existing.update());
    ProviderAccountStatus status = new ProviderAccountStatus();
    status.health = health;
    status.latencyP95Ms = p95;
    status.errorRate = errorRate;
    status.circuit = circuit;
    status.spendUsd = 0.12;
    status.budgetRemainingUsd = 9.88;
    status.healthCheck = "passing";
    stored.setStatus(status);
    kube.resource(stored).updateStatus();
  }
}
