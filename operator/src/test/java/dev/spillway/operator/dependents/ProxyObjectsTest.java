package dev.spillway.operator.dependents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.api.v1alpha1.AutoscalingSpec;
import dev.spillway.api.v1alpha1.DisruptionBudgetSpec;
import dev.spillway.api.v1alpha1.Router;
import dev.spillway.api.v1alpha1.RouterSpec;
import dev.spillway.api.v1alpha1.SecretKeyRef;
import dev.spillway.api.v1alpha1.ServiceSpec;
import dev.spillway.api.v1alpha1.SharedStateSpec;
import dev.spillway.api.v1alpha1.TelemetrySpec;
import dev.spillway.config.ClusterLayout;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The pure desired-object builders, checked as data. */
class ProxyObjectsTest {
  private static Router router(RouterSpec spec) {
    Router router = new Router();
    router.getMetadata().setName("edge");
    router.getMetadata().setNamespace("team");
    router.getMetadata().setUid("uid-1");
    router.setSpec(spec);
    return router;
  }

  @Test
  void deploymentRunsTheProxyInClusterModeWithSecretsMountedAndNoConfigInTheTemplate() {
    Deployment deployment = ProxyDeployment.desired(router(new RouterSpec()), "proxy:1",
        new TreeSet<>(List.of("openai", "anthropic")));

    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    assertThat(deployment.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(owner -> assertThat(owner.getUid()).isEqualTo("uid-1"));
    Container proxy = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(proxy.getImage()).isEqualTo("proxy:1");
    assertThat(proxy.getArgs())
        .containsExactly("--configmap", "team/edge-config", "--port", "8080", "--admin-port", "9090",
            "--status-namespace", "team");
    assertThat(proxy.getPorts()).extracting(p -> p.getName() + ":" + p.getContainerPort())
        .containsExactly("http:8080", "admin:9090");
    assertThat(proxy.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(proxy.getVolumeMounts()).extracting(m -> m.getMountPath()).containsExactly(
        ClusterLayout.SECRETS_ROOT + "/anthropic", ClusterLayout.SECRETS_ROOT + "/openai");
    assertThat(proxy.getVolumeMounts()).allSatisfy(m -> assertThat(m.getReadOnly()).isTrue());
    assertThat(proxy.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(proxy.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(proxy.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getSeccompProfile().getType())
        .isEqualTo("RuntimeDefault");
    assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes())
        .extracting(v -> v.getSecret().getSecretName()).containsExactly("anthropic", "openai");
    // Nothing about the config (a new one must not roll the pods): where Prometheus scrapes, only.
    assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations()).containsOnly(
        Map.entry("prometheus.io/scrape", "true"), Map.entry("prometheus.io/port", "9090"),
        Map.entry("prometheus.io/path", "/metrics"));
  }

  @Test
  void autoscalingLeavesTheReplicaCountToTheHpa() {
    RouterSpec spec = new RouterSpec();
    spec.replicas = 5;
    spec.autoscaling = new AutoscalingSpec();
    spec.autoscaling.maxReplicas = 7;
    Router router = router(spec);

    assertThat(ProxyDeployment.desired(router, "proxy:1", new TreeSet<>()).getSpec().getReplicas()).isNull();
    assertThat(ProxyScaling.autoscaler(router)).hasValueSatisfying(hpa -> {
      assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
      assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(7);
      assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("edge");
      assertThat(hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization()).isEqualTo(70);
    });
    assertThat(ProxyScaling.autoscaler(router(new RouterSpec()))).isEmpty();
  }

  @Test
  void disruptionBudgetSelectsTheProxyPods() {
    RouterSpec spec = new RouterSpec();
    spec.disruptionBudget = new DisruptionBudgetSpec();

    assertThat(ProxyScaling.disruptionBudget(router(spec))).hasValueSatisfying(pdb -> {
      assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
      assertThat(pdb.getSpec().getSelector().getMatchLabels())
          .containsEntry(ProxyNames.INSTANCE_LABEL, "edge").containsEntry(ProxyNames.NAME_LABEL, "spillway-proxy");
    });
    assertThat(ProxyScaling.disruptionBudget(router(new RouterSpec()))).isEmpty();
  }

  @Test
  void serviceExposesTheNamedPortAndTelemetryBecomesTheProxysVariables() {
    RouterSpec spec = new RouterSpec();
    spec.service = new ServiceSpec();
    spec.service.port = 80;
    spec.telemetry = new TelemetrySpec();
    spec.telemetry.otlpEndpoint = "http://collector:4318";
    spec.telemetry.samplingRatio = 0.25;
    spec.telemetry.traceUrlTemplate = "http://jaeger:16686/trace/{traceId}";
    Router router = router(spec);

    var service = ProxyService.desired(router);
    assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
      assertThat(port.getPort()).isEqualTo(80);
      assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
    });
    assertThat(service.getSpec().getSelector()).isEqualTo(ProxyNames.selector(router));
    Container proxy = ProxyDeployment.desired(router, "p", new TreeSet<>())
        .getSpec().getTemplate().getSpec().getContainers().get(0);
    // The names the proxy's options read (Main: ${env:SPILLWAY_...}); OTEL_* would be ignored.
    assertThat(proxy.getEnv()).extracting(e -> e.getName() + "=" + e.getValue()).contains(
        "SPILLWAY_OTLP_ENDPOINT=http://collector:4318", "SPILLWAY_OTLP_PROTOCOL=http/protobuf",
        "SPILLWAY_TRACE_SAMPLING=0.25", "SPILLWAY_TRACE_URL_TEMPLATE=http://jaeger:16686/trace/{traceId}")
        .noneMatch(variable -> variable.startsWith("OTEL_"));
  }

  @Test
  void aRouterServingAnotherNamespaceGivesItsProxiesNoStatusAccess() {
    RouterSpec spec = new RouterSpec();
    spec.watchNamespace = "elsewhere";
    Router router = router(spec);

    assertThat(ProxyRbac.role(router).getRules()).singleElement()
        .satisfies(rule -> assertThat(rule.getResources()).containsExactly("configmaps"));
    assertThat(ProxyDeployment.desired(router, "p", new TreeSet<>()).getSpec().getTemplate().getSpec()
        .getContainers().get(0).getArgs()).doesNotContain("--status-namespace");
  }

  @Test
  void adminCredentialsAreMountedFromTheirSecretAndRequiredByTheProxy() {
    RouterSpec spec = new RouterSpec();
    spec.admin = new dev.spillway.api.v1alpha1.AdminSpec();
    spec.admin.credentialsSecret = "edge-admin";
    var pod = ProxyDeployment.desired(router(spec), "p", new TreeSet<>()).getSpec().getTemplate().getSpec();

    assertThat(pod.getVolumes()).anySatisfy(volume -> {
      assertThat(volume.getSecret().getSecretName()).isEqualTo("edge-admin");
      assertThat(volume.getSecret().getOptional()).as("no pod starts with an open admin port").isFalse();
    });
    Container proxy = pod.getContainers().get(0);
    assertThat(proxy.getVolumeMounts()).anySatisfy(mount ->
        assertThat(mount.getMountPath()).isEqualTo(dev.spillway.config.ClusterLayout.ADMIN_CREDENTIALS_DIR));
    assertThat(String.join(" ", proxy.getArgs())).contains("--admin-credentials " + dev.spillway.config.ClusterLayout.ADMIN_CREDENTIALS_DIR);
    assertThat(ProxyDeployment.desired(router(new RouterSpec()), "p", new TreeSet<>()).getSpec().getTemplate().getSpec()
        .getContainers().get(0).getArgs()).as("unset: open, as before").doesNotContain("--admin-credentials");
  }

  @Test
  void desiredPatchSetsNamedFieldsOnlyAndEscapesAnnotationKeys() {
    Router router = router(new RouterSpec());
    var desired = ProxyService.desired(router);
    desired.getMetadata().setAnnotations(java.util.Map.of("spillway.dev/desired-hash", "abc"));
    var existing = ProxyService.desired(router);
    existing.getSpec().setClusterIP("10.0.0.7");
    existing.getMetadata().setAnnotations(java.util.Map.of("deployment.kubernetes.io/revision", "3"));

    String patch = DesiredPatch.of(desired, existing);

    assertThat(patch).contains("\"path\":\"/metadata/annotations/spillway.dev~1desired-hash\"")
        .doesNotContain("revision")
        .contains("\"path\":\"/spec/ports\"").contains("\"path\":\"/spec/selector\"")
        .doesNotContain("clusterIP").doesNotContain("\"path\":\"/spec\"");
    existing.getMetadata().setAnnotations(null);
    assertThat(DesiredPatch.of(desired, existing)).as("no annotations yet: the map is added whole")
        .contains("{\"op\":\"add\",\"path\":\"/metadata/annotations\",\"value\":{\"spillway.dev/desired-hash\":\"abc\"}}");
  }

  @Test
  void sharedStateBecomesTheProxysAddressPrefixAndAPasswordReadFromTheSecret() {
    RouterSpec spec = new RouterSpec();
    spec.sharedState = new SharedStateSpec();
    spec.sharedState.address = "rediss://redis.data:6380";
    spec.sharedState.passwordSecretRef = new SecretKeyRef("redis-auth", "password");
    spec.region = "eu-west-1";
    Router router = router(spec);

    Container proxy = ProxyDeployment.desired(router, "p", new TreeSet<>())
        .getSpec().getTemplate().getSpec().getContainers().get(0);

    assertThat(proxy.getEnv()).extracting(e -> e.getName() + "=" + e.getValue()).contains(
        "SPILLWAY_SHARED_STATE=rediss://redis.data:6380", "SPILLWAY_REGION=eu-west-1",
        "SPILLWAY_SHARED_STATE_PREFIX=" + router.getMetadata().getNamespace() + "/" + router.getMetadata().getName());
    assertThat(proxy.getEnv()).filteredOn(e -> e.getName().equals("SPILLWAY_SHARED_STATE_PASSWORD")).singleElement()
        .satisfies(e -> {
          assertThat(e.getValue()).as("never the password itself").isNull();
          assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("redis-auth");
          assertThat(e.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
        });
    spec.sharedState.keyPrefix = "eu-shared";
    assertThat(ProxyDeployment.desired(router, "p", new TreeSet<>()).getSpec().getTemplate().getSpec()
        .getContainers().get(0).getEnv()).extracting(e -> e.getName() + "=" + e.getValue())
        .contains("SPILLWAY_SHARED_STATE_PREFIX=eu-shared");
    assertThat(ProxyDeployment.desired(router(new RouterSpec()), "p", new TreeSet<>()).getSpec().getTemplate()
        .getSpec().getContainers().get(0).getEnv()).noneMatch(e -> e.getName().startsWith("SPILLWAY_SHARED_STATE"));
  }
}
