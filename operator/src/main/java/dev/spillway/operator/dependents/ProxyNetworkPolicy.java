package dev.spillway.operator.dependents;

import dev.spillway.api.v1alpha1.Router;
import dev.spillway.operator.AdminPeers;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import java.util.Map;

/**
 * Ingress to a Router's proxy pods: the public port (model APIs, health probes) from anywhere, the
 * admin port (metrics, stats, quality, transitions, evals) only from the operator's pods and
 * Prometheus. Ports are named, so the policy follows the container's ports if they move. Any
 * other port of the pods is closed; egress is not restricted (the proxies call providers).
 */
public final class ProxyNetworkPolicy {
  /** The namespace label every Kubernetes since 1.21 sets to the namespace's own name. */
  static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

  private ProxyNetworkPolicy() {}

  public static NetworkPolicy desired(Router router, AdminPeers peers) {
    return new NetworkPolicyBuilder()
        .withMetadata(ProxyNames.meta(router, ProxyNames.workload(router)))
        .withNewSpec()
        .withNewPodSelector().withMatchLabels(ProxyNames.selector(router)).endPodSelector()
        .withPolicyTypes("Ingress")
        .withIngress(
            new NetworkPolicyIngressRuleBuilder().withPorts(port(ProxyDeployment.PUBLIC_PORT_NAME)).build(),
            new NetworkPolicyIngressRuleBuilder().withPorts(port(ProxyDeployment.ADMIN_PORT_NAME))
                .withFrom(
                    new NetworkPolicyPeerBuilder()
                        .withNamespaceSelector(labels(Map.of(NAMESPACE_NAME_LABEL, peers.operatorNamespace())))
                        .withPodSelector(labels(peers.operatorPodLabels())).build(),
                    new NetworkPolicyPeerBuilder()
                        .withNamespaceSelector(labels(peers.prometheusNamespaceLabels()))
                        .withPodSelector(labels(peers.prometheusPodLabels())).build())
                .build())
        .endSpec()
        .build();
  }

  private static NetworkPolicyPort port(String name) {
    return new NetworkPolicyPortBuilder().withPort(new IntOrString(name)).withProtocol("TCP").build();
  }

  private static LabelSelector labels(Map<String, String> labels) {
    return new LabelSelectorBuilder().withMatchLabels(labels).build();
  }
}
