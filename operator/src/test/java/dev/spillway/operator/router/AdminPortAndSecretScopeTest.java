package dev.spillway.operator.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spillway.api.v1alpha1.ProviderAccount;
import dev.spillway.api.v1alpha1.SecretKeyRef;
import dev.spillway.operator.AdminPeers;
import dev.spillway.operator.SecretScope;
import dev.spillway.operator.testing.Edits;
import dev.spillway.operator.testing.MockCluster;
import dev.spillway.operator.testing.OperatorHarness;
import dev.spillway.operator.testing.RepoPaths;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the operator does for the proxies' admin port (a NetworkPolicy per Router) and how little
 * of the cluster's Secrets it sees (labelled ones, in granted namespaces), on the mock API server.
 */
class AdminPortAndSecretScopeTest {
  static final String NS = "team";
  static final Duration WAIT = Duration.ofSeconds(20);
  static final AdminPeers PEERS = new AdminPeers("spillway-system",
      Map.of("app.kubernetes.io/name", "spillway-operator", "app.kubernetes.io/instance", "spillway"),
      Map.of("kubernetes.io/metadata.name", "monitoring"), Map.of("app.kubernetes.io/name", "prometheus"));

  final MockCluster cluster = new MockCluster();
  final KubernetesClient client = cluster.client();
  OperatorHarness operator;

  @AfterEach
  void stop() {
    operator.close();
    cluster.close();
  }

  private void start(Optional<AdminPeers> peers, SecretScope scope) {
    cluster.namespace(NS);
    cluster.applyFolder(RepoPaths.samples().resolve("quickstart"), NS);
    operator = new OperatorHarness(cluster, OperatorHarness.settings(1, Duration.ofMillis(500), peers, scope));
    cluster.router(NS, "edge");
    await().atMost(WAIT).until(() -> client.apps().deployments().inNamespace(NS).withName("edge").get() != null);
    await().atMost(WAIT).until(() -> client.configMaps().inNamespace(NS).withName("edge-config").get() != null);
  }

  private NetworkPolicy policy() {
    return client.network().v1().networkPolicies().inNamespace(NS).withName("edge").get();
  }

  @Test
  void theAdminPortAdmitsOnlyTheOperatorAndPrometheusWhileThePublicPortStaysOpen() {
    start(Optional.of(PEERS), SecretScope.everyNamespace());

    await().atMost(WAIT).until(() -> policy() != null);
    NetworkPolicy policy = policy();
    assertThat(policy.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(owner -> assertThat(owner.getKind()).isEqualTo("Router"));
    assertThat(policy.getSpec().getPodSelector().getMatchLabels())
        .containsEntry("app.kubernetes.io/name", "spillway-proxy").containsEntry("app.kubernetes.io/instance", "edge");
    assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
    assertThat(policy.getSpec().getIngress()).hasSize(2);
    var open = policy.getSpec().getIngress().get(0);
    assertThat(open.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort().getStrVal()).isEqualTo("http"));
    assertThat(open.getFrom()).as("the public port admits everyone").isNullOrEmpty();
    var admin = policy.getSpec().getIngress().get(1);
    assertThat(admin.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort().getStrVal()).isEqualTo("admin"));
    assertThat(admin.getFrom()).hasSize(2);
    NetworkPolicyPeer operatorPods = admin.getFrom().get(0);
    assertThat(operatorPods.getNamespaceSelector().getMatchLabels())
        .containsExactly(Map.entry("kubernetes.io/metadata.name", "spillway-system"));
    assertThat(operatorPods.getPodSelector().getMatchLabels()).isEqualTo(PEERS.operatorPodLabels());
    NetworkPolicyPeer prometheus = admin.getFrom().get(1);
    assertThat(prometheus.getNamespaceSelector().getMatchLabels()).isEqualTo(PEERS.prometheusNamespaceLabels());
    assertThat(prometheus.getPodSelector().getMatchLabels()).isEqualTo(PEERS.prometheusPodLabels());

    // Owned like the Deployment: removed by hand, it comes back on the informer's event.
    client.resource(policy).delete();
    await().atMost(WAIT).until(() -> policy() != null);
  }

  @Test
  void withoutPeersNoPolicyIsWritten() {
    start(Optional.empty(), SecretScope.everyNamespace());

    await().atMost(WAIT).until(() -> client.services().inNamespace(NS).withName("edge").get() != null);
    assertThat(policy()).isNull();
  }

  private Condition resolvedRefs(String account) {
    ProviderAccount resource = client.resources(ProviderAccount.class).inNamespace(NS).withName(account).get();
    if (resource == null || resource.getStatus() == null || resource.getStatus().conditions == null) {
      return null;
    }
    return resource.getStatus().conditions.stream().filter(c -> c.getType().equals("ResolvedRefs"))
        .findFirst().orElse(null);
  }

  private void referenceSecret(String name) {
    Edits.edit(client.resources(ProviderAccount.class).inNamespace(NS).withName("sim-backup"), account -> {
      account.getSpec().credentialsSecretRef = new SecretKeyRef(name, "api-key");
      return account;
    });
  }

  @Test
  void anUnlabelledSecretIsInvisibleAndTheConditionSaysWhyUntilItIsLabelled() {
    start(Optional.empty(), SecretScope.everyNamespace());
    cluster.unlabelledSecret(NS, "backup-keys", Map.of("api-key", "sk-unlabelled"));
    referenceSecret("backup-keys");

    await().atMost(WAIT).untilAsserted(() -> assertThat(resolvedRefs("sim-backup"))
        .satisfies(c -> assertThat(c.getReason()).isEqualTo("SecretNotFound")));
    assertThat(resolvedRefs("sim-backup").getMessage()).contains("backup-keys")
        .contains("labelled spillway.dev/credentials=true");

    Edits.edit(client.secrets().inNamespace(NS).withName("backup-keys"),
        secret -> {
          secret.getMetadata().setLabels(Map.of(SecretScope.LABEL, "true"));
          return secret;
        });

    await().atMost(WAIT).untilAsserted(() -> assertThat(resolvedRefs("sim-backup").getReason()).isEqualTo("Resolved"));
    // Every list and watch of Secrets (the operator's; the test only creates and edits by name)
    // carried the label selector: it never listed them all.
    assertThat(cluster.requestsSoFar()).filteredOn(r -> r.startsWith("GET") && r.contains("/secrets?")).isNotEmpty()
        .allSatisfy(r -> assertThat(r).contains("labelSelector=spillway.dev%2Fcredentials%3Dtrue"));
  }

  @Test
  void secretsOutsideTheGrantedNamespacesAreNeverReadAndTheConditionNamesTheChartValue() {
    start(Optional.empty(), new SecretScope(Set.of("elsewhere")));
    cluster.secret(NS, "backup-keys", Map.of("api-key", "sk-labelled"));
    referenceSecret("backup-keys");

    await().atMost(WAIT).untilAsserted(() -> assertThat(resolvedRefs("sim-backup"))
        .satisfies(c -> assertThat(c.getReason()).isEqualTo("SecretNotFound")));
    assertThat(resolvedRefs("sim-backup").getMessage()).contains("[elsewhere]").contains("secretNamespaces");
    assertThat(cluster.requestsSoFar()).filteredOn(r -> r.startsWith("GET") && r.contains("/secrets?"))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r).contains("/namespaces/elsewhere/secrets?").contains("labelSelector="));
  }
}
