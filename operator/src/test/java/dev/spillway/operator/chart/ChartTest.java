package dev.spillway.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.spillway.api.CrdSchemas;
import dev.spillway.operator.testing.RepoPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** charts/spillway through helm itself (helm-java bundles it; lint and template run offline). */
class ChartTest {
  private static final Path CHART = RepoPaths.chart();

  private static List<JsonNode> render() {
    return CrdSchemas.documents(new Helm(CHART).template().withName("spillway").withNamespace("spillway-system").call());
  }

  private static List<JsonNode> ofKind(List<JsonNode> manifests, String kind) {
    return manifests.stream().filter(m -> kind.equals(m.path("kind").asText())).toList();
  }

  @Test
  void lintsCleanInStrictMode() {
    LintResult lint = new Helm(CHART).lint().strict().call();

    assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
  }

  @Test
  void defaultValuesRenderTheOperatorWithLeaderElectionProbesAndItsProxyImage() {
    List<JsonNode> manifests = render();

    assertThat(manifests).extracting(m -> m.path("kind").asText()).containsExactlyInAnyOrder(
        "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "Deployment", "NetworkPolicy");
    JsonNode container = ofKind(manifests, "Deployment").get(0).at("/spec/template/spec/containers/0");
    assertThat(container.path("image").asText()).isEqualTo("ghcr.io/spillway-dev/spillway-operator:0.1.0");
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
    assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
    List<String> env = new ArrayList<>();
    container.path("env").forEach(e -> env.add(e.path("name").asText() + "=" + e.path("value").asText()));
    assertThat(env).contains("SPILLWAY_PROXY_IMAGE=ghcr.io/spillway-dev/spillway-proxy:0.1.0",
        "SPILLWAY_LEADER_ELECTION_NAMESPACE=");
    assertThat(ofKind(manifests, "Role").get(0).at("/rules/0/resources/0").asText()).isEqualTo("leases");
    manifests.forEach(m -> assertThat(m.at("/metadata/labels/app.kubernetes.io~1instance").asText())
        .as(m.path("kind").asText()).isEqualTo("spillway"));
  }

  @Test
  void theOperatorMayReadSecretsButNeverWriteThemAndHoldsNoWildcards() {
    JsonNode rules = ofKind(render(), "ClusterRole").get(0).path("rules");

    List<String> grants = new ArrayList<>();
    rules.forEach(rule -> rule.path("resources").forEach(resource -> rule.path("verbs").forEach(verb ->
        grants.add(resource.asText() + ":" + verb.asText()))));
    assertThat(grants).contains("secrets:get", "secrets:list", "secrets:watch", "configmaps:watch",
        "routingpolicies/status:patch", "deployments:create", "roles:create", "pods:list", "events:create");
    assertThat(grants).noneMatch(g -> g.startsWith("secrets:") && !g.matches("secrets:(get|list|watch)"));
    assertThat(grants).noneMatch(g -> g.contains("*"));
  }

  @Test
  void theOperatorPodIsHardenedAndLearnsWhoMayReachTheProxiesAdminPort() {
    List<JsonNode> manifests = render();
    JsonNode pod = ofKind(manifests, "Deployment").get(0).at("/spec/template/spec");
    JsonNode container = pod.at("/containers/0");

    assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
    assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
    assertThat(container.at("/securityContext/capabilities/drop").toString()).isEqualTo("[\"ALL\"]");
    List<String> env = new ArrayList<>();
    container.path("env").forEach(e -> env.add(e.path("name").asText() + "=" + e.path("value").asText()));
    assertThat(env).contains("SPILLWAY_NETWORK_POLICY=true",
        "SPILLWAY_PROMETHEUS_NAMESPACE_LABELS=kubernetes.io/metadata.name=monitoring",
        "SPILLWAY_PROMETHEUS_POD_LABELS=app.kubernetes.io/name=prometheus", "SPILLWAY_OPERATOR_NAMESPACE=");
    JsonNode policy = ofKind(manifests, "NetworkPolicy").get(0).path("spec");
    assertThat(policy.at("/podSelector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo("spillway-operator");
    assertThat(policy.at("/ingress/0/ports/0/port").asInt()).isEqualTo(8081);
    assertThat(policy.at("/ingress/0/from/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText())
        .isEqualTo("monitoring");
    JsonNode rules = ofKind(manifests, "ClusterRole").get(0).path("rules");
    assertThat(rules.toString()).contains("networkpolicies", "consumers/status");
  }

  @Test
  void networkPoliciesCanBeLeftToTheCluster() {
    List<JsonNode> manifests = CrdSchemas.documents(new Helm(CHART).template().withName("spillway")
        .set("networkPolicy.enabled", false).call());

    assertThat(ofKind(manifests, "NetworkPolicy")).isEmpty();
    assertThat(ofKind(manifests, "ClusterRole").get(0).path("rules").toString()).doesNotContain("networkpolicies");
    assertThat(ofKind(manifests, "Deployment").get(0).at("/spec/template/spec/containers/0/env").toString())
        .contains("\"SPILLWAY_NETWORK_POLICY\",\"value\":\"false\"");
  }

  @Test
  void leaderElectionCanBeTurnedOff() {
    List<JsonNode> manifests = CrdSchemas.documents(new Helm(CHART).template().withName("spillway")
        .set("leaderElection.enabled", false).call());

    assertThat(ofKind(manifests, "Role")).isEmpty();
    assertThat(ofKind(manifests, "Deployment").get(0).at("/spec/template/spec/containers/0/env").toString())
        .doesNotContain("SPILLWAY_LEADER_ELECTION_NAMESPACE");
  }

  @Test
  void theChartShipsExactlyTheGeneratedCrds() throws IOException {
    try (Stream<Path> generated = Files.list(RepoPaths.generatedCrds())) {
      for (Path crd : generated.toList()) {
        assertThat(CHART.resolve("crds").resolve(crd.getFileName())).as(crd.getFileName().toString())
            .hasSameTextualContentAs(crd);
      }
    }
  }
}
