package dev.spillway.operator.dependents;

import dev.spillway.api.v1alpha1.Router;
import dev.spillway.api.v1alpha1.ServiceSpec;
import dev.spillway.config.ClusterLayout;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;

/** The stable address applications call: the Router's name, port 8080 unless set. */
public final class ProxyService {
  public static final int DEFAULT_PORT = 8080;

  private ProxyService() {}

  public static Service desired(Router router) {
    ServiceSpec spec = router.getSpec().service == null ? new ServiceSpec() : router.getSpec().service;
    return new ServiceBuilder()
        .withMetadata(ProxyNames.meta(router, ProxyNames.workload(router)))
        .withNewSpec()
        .withType(spec.type == null ? "ClusterIP" : spec.type)
        .withSelector(ProxyNames.selector(router))
        .addNewPort()
        .withName("http")
        .withProtocol("TCP")
        .withPort(spec.port == null ? DEFAULT_PORT : spec.port)
        .withTargetPort(new IntOrString(ProxyDeployment.PUBLIC_PORT_NAME))
        .endPort()
        .endSpec()
        .build();
  }

  /** The port the proxy container listens on, whatever the Service exposes. */
  static int containerPort() {
    return ClusterLayout.PROXY_PORT;
  }
}
