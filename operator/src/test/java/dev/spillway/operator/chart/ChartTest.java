package dev.spillway.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.spillway.api.CrdSchemas;
import dev.spillway.operator.AdminPeers;
import dev.spillway.operator.OperatorSettings;
import dev.spillway.operator.testing.RepoPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  void theOperatorPodIsHardenedAndOnlyPrometheusMayReachIt() {
    List<JsonNode> manifests = render();
    JsonNode pod = ofKind(manifests, "Deployment").get(0).at("/spec/template/spec");
    JsonNode container = pod.at("/containers/0");

    assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
    assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
    assertThat(container.at("/securityContext/capabilities/drop").toString()).isEqualTo("[\"ALL\"]");
    JsonNode policy = ofKind(manifests, "NetworkPolicy").get(0).path("spec");
    assertThat(policy.at("/podSelector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo("spillway-operator");
    assertThat(policy.at("/ingress/0/ports/0/port").asInt()).isEqualTo(8081);
    assertThat(policy.at("/ingress/0/from/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText())
        .isEqualTo("monitoring");
    JsonNode rules = ofKind(manifests, "ClusterRole").get(0).path("rules");
    assertThat(rules.toString()).contains("consumers", "consumers/status");
  }

  /** The operator's environment as a pod in spillway-system would see it (fieldRefs resolved). */
  private static Map<String, String> env(List<JsonNode> manifests) {
    Map<String, String> env = new HashMap<>();
    ofKind(manifests, "Deployment").get(0).at("/spec/template/spec/containers/0/env")
        .forEach(e -> env.put(e.path("name").asText(),
            e.at("/valueFrom/fieldRef/fieldPath").asText().equals("metadata.namespace")
                ? "spillway-system" : e.path("value").asText()));
    return env;
  }

  @Test
  void theOperatorIsToldWhoMayReachTheProxiesAdminPortAndParsesIt() {
    List<JsonNode> manifests = CrdSchemas.documents(new Helm(CHART).template().withName("spillway")
        .withNamespace("spillway-system")
        .set("networkPolicy.prometheus.podLabels.app\\.kubernetes\\.io/name", "kube-prometheus").call());
    AdminPeers peers = OperatorSettings.fromEnv(env(manifests)).adminPeers().orElseThrow();

    assertThat(peers.operatorNamespace()).isEqualTo("spillway-system");
    JsonNode operatorPod = ofKind(manifests, "Deployment").get(0).at("/spec/template/metadata/labels");
    assertThat(peers.operatorPodLabels()).isNotEmpty().allSatisfy((name, value) ->
        assertThat(operatorPod.path(name).asText()).as(name).isEqualTo(value));
    assertThat(peers.prometheusNamespaceLabels()).containsExactly(Map.entry("kubernetes.io/metadata.name", "monitoring"));
    assertThat(peers.prometheusPodLabels()).containsExactly(Map.entry("app.kubernetes.io/name", "kube-prometheus"));
    JsonNode rules = ofKind(manifests, "ClusterRole").get(0).path("rules");
    assertThat(rules.toString()).contains("networkpolicies");
  }

  @Test
  void networkPoliciesCanBeLeftToTheCluster() {
    List<JsonNode> manifests = CrdSchemas.documents(new Helm(CHART).template().withName("spillway")
        .set("networkPolicy.enabled", false).call());

    assertThat(ofKind(manifests, "NetworkPolicy")).isEmpty();
    assertThat(OperatorSettings.fromEnv(env(manifests)).adminPeers()).isEmpty();
    List<JsonNode> proxiesOff = CrdSchemas.documents(new Helm(CHART).template().withName("spillway")
        .set("networkPolicy.proxies", false).call());
    assertThat(ofKind(proxiesOff, "NetworkPolicy")).as("the operator pod's own stays").hasSize(1);
    assertThat(OperatorSettings.fromEnv(env(proxiesOff)).adminPeers()).isEmpty();
  }

  @Test
  void secretAccessCanBeNarrowedToNamespacesWithNoClusterWideSecretRule() {
    List<JsonNode> manifests = CrdSchemas.documents(new Helm(CHART).template().withName("spillway")
        .withNamespace("spillway-system").set("secretNamespaces[0]", "team-a").set("secretNamespaces[1]", "team-b")
        .call());

    assertThat(ofKind(manifests, "ClusterRole").get(0).path("rules").toString()).doesNotContain("secrets");
    List<JsonNode> roles = ofKind(manifests, "Role").stream()
        .filter(r -> r.at("/rules/0/resources/0").asText().equals("secrets")).toList();
    assertThat(roles).extracting(r -> r.at("/metadata/namespace").asText()).containsExactly("team-a", "team-b");
    assertThat(roles).allSatisfy(r -> assertThat(r.at("/rules/0/verbs").toString()).isEqualTo("[\"get\",\"list\",\"watch\"]"));
    List<JsonNode> bindings = ofKind(manifests, "RoleBinding").stream()
        .filter(b -> b.at("/roleRef/name").asText().endsWith("-secrets")).toList();
    assertThat(bindings).hasSize(2).allSatisfy(b -> {
      assertThat(b.at("/subjects/0/name").asText()).isEqualTo("spillway");
      assertThat(b.at("/subjects/0/namespace").asText()).isEqualTo("spillway-system");
    });
    assertThat(OperatorSettings.fromEnv(env(manifests)).secretScope().namespaces())
        .containsExactlyInAnyOrder("team-a", "team-b");
    assertThat(OperatorSettings.fromEnv(env(render())).secretScope().namespaces()).isEmpty();
  }

  @Test
  void leaderElectionCanBeTurnedOff() {
    List<JsonNode> manifests = CrdSchemas.documents(new Helm(CHART).template().withName("spillway")
        .set("leaderElection.enabled", false).call());

    assertThat(ofKind(manifests, "Role")).isEmpty();
    assertThat(ofKind(manifests, "Deployment").get(0).at("/spec/template/spec/containers/0/env").toString())
        .doesNotContain("SPILLWAY_LEADER_ELECTION_NAMESPACE");
  }

  private static List<JsonNode> renderMonitoring() {
    return CrdSchemas.documents(new Helm(CHART).template().withName("spillway").withNamespace("spillway-system")
        .set("monitoring.serviceMonitor.enabled", true)
        .set("monitoring.serviceMonitor.labels.release", "prometheus")
        .set("monitoring.prometheusRule.enabled", true)
        .set("monitoring.grafanaDashboard.enabled", true)
        .call());
  }

  @Test
  void monitoringOnRendersServiceMonitorsForOperatorAndProxies() {
    List<JsonNode> manifests = renderMonitoring();

    List<JsonNode> monitors = new ArrayList<>(ofKind(manifests, "ServiceMonitor"));
    monitors.addAll(ofKind(manifests, "PodMonitor"));
    assertThat(monitors).hasSize(2).allSatisfy(m ->
        assertThat(m.at("/metadata/labels/release").asText()).isEqualTo("prometheus"));
    JsonNode proxies = ofKind(manifests, "PodMonitor").get(0);
    assertThat(proxies.at("/spec/namespaceSelector/any").asBoolean()).isTrue();
    assertThat(proxies.at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo("spillway-proxy");
    assertThat(proxies.at("/spec/podMetricsEndpoints/0/port").asText())
        .as("the proxy container's admin port: /metrics is not on the public port")
        .isEqualTo(dev.spillway.operator.dependents.ProxyDeployment.ADMIN_PORT_NAME);
    JsonNode service = ofKind(manifests, "Service").get(0);
    assertThat(service.at("/spec/ports/0/name").asText()).isEqualTo("http-health");
    assertThat(proxies.at("/spec/podMetricsEndpoints/0/basicAuth").isMissingNode()).as("no admin credentials by default").isTrue();
  }

  @Test
  void thePodMonitorPresentsTheProxiesAdminCredentialsWhenGiven() {
    JsonNode proxies = ofKind(CrdSchemas.documents(new Helm(CHART).template().withName("spillway")
        .withNamespace("spillway-system")
        .set("monitoring.serviceMonitor.enabled", true)
        .set("monitoring.serviceMonitor.basicAuthSecret", "proxy-admin")
        .call()), "PodMonitor").get(0);

    JsonNode basic = proxies.at("/spec/podMetricsEndpoints/0/basicAuth");
    assertThat(basic.at("/username/name").asText()).isEqualTo("proxy-admin");
    assertThat(basic.at("/username/key").asText()).isEqualTo("username");
    assertThat(basic.at("/password/name").asText()).isEqualTo("proxy-admin");
    assertThat(basic.at("/password/key").asText()).isEqualTo("password");
  }

  @Test
  void theAlertsCoverTheIssuesSituationsAndUseOnlyDocumentedMetrics() throws IOException {
    JsonNode rules = ofKind(renderMonitoring(), "PrometheusRule").get(0).at("/spec/groups/0/rules");
    String telemetry = Files.readString(RepoPaths.root().resolve("docs/telemetry.md"));

    List<String> alerts = new ArrayList<>();
    rules.forEach(rule -> {
      alerts.add(rule.path("alert").asText());
      assertThat(rule.at("/annotations/summary").asText()).isNotBlank();
      java.util.regex.Matcher metric = java.util.regex.Pattern.compile("spillway_[a-z_]+").matcher(rule.path("expr").asText());
      assertThat(metric.find()).as(rule.path("alert").asText()).isTrue();
      assertThat(telemetry).as("documented: " + metric.group()).contains("`" + metric.group() + "`");
    });
    assertThat(alerts).containsExactlyInAnyOrder("SpillwayCircuitOpen", "SpillwayModelAllTargetsDown",
        "SpillwayBudgetThresholdCrossed", "SpillwayConfigRejected", "SpillwayQualityDrift");
    assertThat(rules.toString()).contains(">= 0.8");
  }

  @Test
  void theDashboardShowsTrafficFailoversLatencyCircuitsSpendAndQuality() throws IOException {
    JsonNode configMap = ofKind(renderMonitoring(), "ConfigMap").get(0);
    assertThat(configMap.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
    JsonNode dashboard = new com.fasterxml.jackson.databind.ObjectMapper().readTree(configMap.at("/data/spillway.json").asText());
    List<String> titles = new ArrayList<>();
    dashboard.path("panels").forEach(panel -> titles.add(panel.path("title").asText()));
    assertThat(titles).containsExactly("Traffic share per target", "Failovers by reason", "p95 latency per target",
        "Circuit states", "Spend vs budget", "Quality score per target");
    String telemetry = Files.readString(RepoPaths.root().resolve("docs/telemetry.md"));
    dashboard.path("panels").forEach(panel -> {
      java.util.regex.Matcher metric = java.util.regex.Pattern.compile("spillway_[a-z_]+")
          .matcher(panel.at("/targets/0/expr").asText());
      assertThat(metric.find()).isTrue();
      assertThat(telemetry).as("documented: " + metric.group())
          .contains("`" + metric.group().replaceAll("_bucket$", "") + "`");
    });
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

  @Test
  void theChartCanRunARedisForSharedStateThatOnlyProxiesReach() {
    assertThat(ofKind(render(), "Deployment")).as("off by default").hasSize(1);
    List<JsonNode> manifests = CrdSchemas.documents(new Helm(CHART).template().withName("spillway")
        .withNamespace("spillway-system").set("redis.enabled", true)
        .set("redis.existingPasswordSecret.name", "redis-auth").call());

    JsonNode redis = ofKind(manifests, "Deployment").stream()
        .filter(d -> d.at("/metadata/name").asText().equals("spillway-redis")).findFirst().orElseThrow();
    JsonNode container = redis.at("/spec/template/spec/containers/0");
    assertThat(container.path("image").asText()).isEqualTo("redis:7.4-alpine");
    assertThat(container.path("args").toString()).contains("--requirepass", "$(REDIS_PASSWORD)", "--appendonly");
    assertThat(container.at("/env/0/valueFrom/secretKeyRef/name").asText()).isEqualTo("redis-auth");
    assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(ofKind(manifests, "Service")).anySatisfy(service -> {
      assertThat(service.at("/metadata/name").asText()).isEqualTo("spillway-redis");
      assertThat(service.at("/spec/ports/0/port").asInt()).isEqualTo(6379);
    });
    assertThat(ofKind(manifests, "NetworkPolicy")).anySatisfy(policy -> {
      assertThat(policy.at("/metadata/name").asText()).isEqualTo("spillway-redis");
      assertThat(policy.at("/spec/ingress/0/from/0/podSelector/matchLabels/app.kubernetes.io~1name").asText())
          .isEqualTo("spillway-proxy");
    });
    List<JsonNode> persistent = CrdSchemas.documents(new Helm(CHART).template().withName("spillway")
        .set("redis.enabled", true).set("redis.persistence.enabled", true).call());
    assertThat(ofKind(persistent, "PersistentVolumeClaim")).singleElement()
        .satisfies(claim -> assertThat(claim.at("/metadata/name").asText()).isEqualTo("spillway-redis"));
  }
}
