package dev.spillway.operator.dependents;

import dev.spillway.api.v1alpha1.Router;
import dev.spillway.config.ClusterLayout;
import dev.spillway.config.PublishedConfig;
import dev.spillway.config.RouterConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.Map;

/**
 * The compiled config, as the proxies read it: gzip-compressed in binaryData ({@link
 * PublishedConfig}), the version in plain data beside it. Holds Secret names and keys, never values.
 */
public final class ProxyConfigMap {
  private ProxyConfigMap() {}

  public static ConfigMap desired(Router router, RouterConfig config) {
    ConfigMap configMap = new ConfigMapBuilder()
        .withMetadata(ProxyNames.meta(router, ProxyNames.configMap(router)))
        .withData(Map.of(ClusterLayout.VERSION_KEY, config.version()))
        .withBinaryData(PublishedConfig.binaryData(PublishedConfig.compress(config)))
        .build();
    configMap.getMetadata().setAnnotations(Map.of(ClusterLayout.VERSION_ANNOTATION, config.version()));
    return configMap;
  }
}
