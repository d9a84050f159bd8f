package dev.spillway.operator.dependents;

import dev.spillway.api.v1alpha1.Router;
import dev.spillway.api.v1alpha1.RouterSpec;
import dev.spillway.api.v1alpha1.SharedStateSpec;
import dev.spillway.api.v1alpha1.TelemetrySpec;
import dev.spillway.config.ClusterLayout;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HTTPGetActionBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * The proxy pods. The config is not in the pod template (proxies watch their ConfigMap and swap it
 * live, so a config change rolls nothing); the Secrets the config references are, as read-only
 * volumes, so a new Secret rolls the pods once and a rotated key reaches them with no restart.
 */
public final class ProxyDeployment {
  public static final int DEFAULT_REPLICAS = 2;
  /** Container port names, also what the NetworkPolicy and the Service refer to. */
  public static final String PUBLIC_PORT_NAME = "http";
  public static final String ADMIN_PORT_NAME = "admin";
  private static final String ADMIN_CREDENTIALS_VOLUME = "admin-credentials";

  private ProxyDeployment() {}

  /**
   * @param image proxy image when the Router names none
   * @param secretNames Secrets to mount, one folder each under {@link ClusterLayout#SECRETS_ROOT}
   */
  public static Deployment desired(Router router, String image, SortedSet<String> secretNames) {
    RouterSpec spec = router.getSpec();
    List<Volume> volumes = new ArrayList<>();
    List<VolumeMount> mounts = new ArrayList<>();
    for (String secret : secretNames) {
      String volume = "secret-" + secret;
      // Optional: a deleted Secret must not keep every proxy pod from starting; the compiler
      // already reports it on the account (ResolvedRefs=False) and the config is not published.
      volumes.add(new VolumeBuilder().withName(volume)
          .withNewSecret().withSecretName(secret).withOptional(true).endSecret().build());
      mounts.add(new VolumeMountBuilder().withName(volume).withReadOnly(true)
          .withMountPath(ClusterLayout.SECRETS_ROOT + "/" + secret).build());
    }
    List<String> args = new ArrayList<>(List.of(
        "--configmap", router.getMetadata().getNamespace() + "/" + ProxyNames.configMap(router),
        "--port", Integer.toString(ClusterLayout.PROXY_PORT),
        "--admin-port", Integer.toString(ClusterLayout.ADMIN_PORT)));
    if (spec.maxRequestBodyBytes != null) {
      args.addAll(List.of("--max-body-bytes", spec.maxRequestBodyBytes.toString()));
    }
    if (ProxyRbac.servesOwnNamespace(router)) {
      // The live page's cluster panel: the operator's status of what these proxies serve.
      args.addAll(List.of("--status-namespace", router.getMetadata().getNamespace()));
    }
    if (spec.admin != null && spec.admin.credentialsSecret != null) {
      // Not optional: without its Secret a pod must not start with an open admin port.
      volumes.add(new VolumeBuilder().withName(ADMIN_CREDENTIALS_VOLUME)
          .withNewSecret().withSecretName(spec.admin.credentialsSecret).withOptional(false).endSecret().build());
      mounts.add(new VolumeMountBuilder().withName(ADMIN_CREDENTIALS_VOLUME).withReadOnly(true)
          .withMountPath(ClusterLayout.ADMIN_CREDENTIALS_DIR).build());
      args.addAll(List.of("--admin-credentials", ClusterLayout.ADMIN_CREDENTIALS_DIR));
    }
    return new DeploymentBuilder()
        .withMetadata(ProxyNames.meta(router, ProxyNames.workload(router)))
        .withNewSpec()
        // Left unset under autoscaling: the HPA owns the count, and a merge patch without the
        // field keeps whatever it chose.
        .withReplicas(spec.autoscaling != null ? null : spec.replicas == null ? DEFAULT_REPLICAS : spec.replicas)
        .withNewSelector().withMatchLabels(ProxyNames.selector(router)).endSelector()
        .withNewTemplate()
        // Prometheus finds the metrics on the admin port (the Service exposes only the public one).
        .withNewMetadata().withLabels(ProxyNames.labels(router)).withAnnotations(Map.of(
            "prometheus.io/scrape", "true",
            "prometheus.io/port", Integer.toString(ClusterLayout.ADMIN_PORT),
            "prometheus.io/path", "/metrics"))
        .endMetadata()
        .withNewSpec()
        .withServiceAccountName(ProxyNames.identity(router))
        .withNewSecurityContext().withRunAsNonRoot(true).withNewSeccompProfile("", "RuntimeDefault")
        .endSecurityContext()
        .withContainers(new ContainerBuilder()
            .withName("proxy")
            .withImage(spec.image != null ? spec.image : image)
            .withArgs(args)
            .withEnv(env(router))
            .addNewPort().withName(PUBLIC_PORT_NAME).withContainerPort(ClusterLayout.PROXY_PORT).withProtocol("TCP").endPort()
            .addNewPort().withName(ADMIN_PORT_NAME).withContainerPort(ClusterLayout.ADMIN_PORT).withProtocol("TCP").endPort()
            .withReadinessProbe(probe("/readyz"))
            .withLivenessProbe(probe("/healthz"))
            .withResources(spec.resources)
            .withVolumeMounts(mounts)
            .withNewSecurityContext()
            .withAllowPrivilegeEscalation(false)
            .withReadOnlyRootFilesystem(true)
            .withNewCapabilities().withDrop("ALL").endCapabilities()
            .endSecurityContext()
            .build())
        .withVolumes(volumes)
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static Probe probe(String path) {
    return new ProbeBuilder()
        .withHttpGet(new HTTPGetActionBuilder().withPath(path).withPort(new IntOrString(PUBLIC_PORT_NAME)).build())
        .withPeriodSeconds(5)
        .build();
  }

  private static List<EnvVar> env(Router router) {
    List<EnvVar> env = telemetryEnv(router.getSpec().telemetry);
    env.addAll(sharedStateEnv(router));
    if (router.getSpec().region != null) {
      env.add(new EnvVar("SPILLWAY_REGION", router.getSpec().region, null));
    }
    return env;
  }

  /**
   * The shared state's address and key prefix, and its password straight from the Secret (the
   * kubelet resolves it: it is never in the Deployment, the ConfigMap or the operator's memory).
   */
  private static List<EnvVar> sharedStateEnv(Router router) {
    SharedStateSpec shared = router.getSpec().sharedState;
    List<EnvVar> env = new ArrayList<>();
    if (shared == null || shared.address == null) {
      return env;
    }
    env.add(new EnvVar("SPILLWAY_SHARED_STATE", shared.address, null));
    env.add(new EnvVar("SPILLWAY_SHARED_STATE_PREFIX", shared.keyPrefix != null ? shared.keyPrefix
        : router.getMetadata().getNamespace() + "/" + router.getMetadata().getName(), null));
    if (shared.passwordSecretRef != null) {
      env.add(new EnvVarBuilder().withName("SPILLWAY_SHARED_STATE_PASSWORD").withNewValueFrom()
          .withNewSecretKeyRef(shared.passwordSecretRef.key, shared.passwordSecretRef.name, false)
          .endValueFrom().build());
    }
    return env;
  }

  /**
   * Telemetry settings as the proxy's own variables (docs/telemetry.md): the proxy reads these, not
   * the OpenTelemetry SDK's {@code OTEL_*} ones (its SDK is configured in code, not autoconfigured).
   */
  private static List<EnvVar> telemetryEnv(TelemetrySpec telemetry) {
    List<EnvVar> env = new ArrayList<>();
    if (telemetry == null) {
      return env;
    }
    if (telemetry.otlpEndpoint != null) {
      env.add(new EnvVar("SPILLWAY_OTLP_ENDPOINT", telemetry.otlpEndpoint, null));
      env.add(new EnvVar("SPILLWAY_OTLP_PROTOCOL",
          telemetry.otlpProtocol == null ? "http/protobuf" : telemetry.otlpProtocol, null));
    }
    if (telemetry.samplingRatio != null) {
      env.add(new EnvVar("SPILLWAY_TRACE_SAMPLING", telemetry.samplingRatio.toString(), null));
    }
    if (telemetry.traceUrlTemplate != null) {
      env.add(new EnvVar("SPILLWAY_TRACE_URL_TEMPLATE", telemetry.traceUrlTemplate, null));
    }
    if (telemetry.captureContent != null) {
      env.add(new EnvVar("SPILLWAY_CAPTURE_CONTENT", telemetry.captureContent.toString(), null));
    }
    if (telemetry.accessLog != null) {
      env.add(new EnvVar("SPILLWAY_ACCESS_LOG", telemetry.accessLog.toString(), null));
    }
    return env;
  }
}
