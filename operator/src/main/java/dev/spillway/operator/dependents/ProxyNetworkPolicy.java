package dev.spillway.operator.dependents;

import dev.spillway.api.v1alpha1.Router;
import dev.spillway.config.ClusterLayout;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Who may reach a Router's proxy pods: anyone on the public port (applications call it; keys guard
 * it), and on the admin port (metrics, stats, quality) only the operator and Prometheus. Ingress
 * only: the proxies must still reach providers anywhere.
 */
public final class ProxyNetworkPolicy {
  /** The namespace label every namespace carries (Kubernetes 1.22+). */
  static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

  private ProxyNetworkPolicy() {}

  /**
   * @param operatorNamespace where the operator runs (its pods carry {@link ProxyNames#OPERATOR})
   * @param prometheus who scrapes metrics: namespace labels and pod labels; both empty when no
   *     Prometheus is configured (the admin port is then the operator's alone)
   */
  public static NetworkPolicy desired(Router router, String operatorNamespace, ScraperSelector prometheus) {
    List<NetworkPolicyPeer> admins = new ArrayList<>();
    admins.add(new NetworkPolicyPeerBuilder()
        .withNamespaceSelector(labels(Map.of(NAMESPACE_NAME_LABEL, operatorNamespace)))
        .withPodSelector(labels(Map.of(ProxyNames.NAME_LABEL, ProxyNames.OPERATOR)))
        .build());
    if (!prometheus.isEmpty()) {
      admins.add(new NetworkPolicyPeerBuilder()
          .withNamespaceSelector(labels(prometheus.namespaceLabels()))
          .withPodSelector(labels(prometheus.podLabels()))
          .build());
    }
    return new NetworkPolicyBuilder()
        .withMetadata(ProxyNames.meta(router, ProxyNames.workload(router)))
        .withNewSpec()
        .withPodSelector(labels(ProxyNames.selector(router)))
        .withPolicyTypes("Ingress")
        .addNewIngress()
        .addNewPort().withProtocol("TCP").withPort(new IntOrString(ClusterLayout.PROXY_PORT)).endPort()
        .endIngress()
        .addNewIngress()
        .addNewPort().withProtocol("TCP").withPort(new IntOrString(ClusterLayout.ADMIN_PORT)).endPort()
        .withFrom(admins)
        .endIngress()
        .endSpec()
        .build();
  }

  private static LabelSelector labels(Map<String, String> labels) {
    return new LabelSelector(null, Map.copyOf(labels));
  }

  /**
   * Which pods scrape the proxies' metrics, as label selectors; an empty map selects every
   * namespace (or pod).
   */
  public record ScraperSelector(Map<String, String> namespaceLabels, Map<String, String> podLabels) {
    public static final ScraperSelector NONE = new ScraperSelector(null, null);

    public ScraperSelector {
      namespaceLabels = namespaceLabels == null ? Map.of() : Map.copyOf(namespaceLabels);
      podLabels = podLabels == null ? Map.of() : Map.copyOf(podLabels);
    }

    public boolean isEmpty() {
      return namespaceLabels.isEmpty() && podLabels.isEmpty();
    }

    /** {@code key=value,key=value} as the chart passes it; blank gives an empty map. */
    public static Map<String, String> parse(String labels) {
      Map<String, String> parsed = new java.util.TreeMap<>();
      if (labels == null || labels.isBlank()) {
        return parsed;
      }
      for (String pair : labels.split(",")) {
        int equals = pair.indexOf('=');
        if (equals <= 0) {
          throw new IllegalArgumentException("\"" + pair.trim() + "\" is not a label: use key=value");
        }
        parsed.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
      }
      return parsed;
    }
  }
}
