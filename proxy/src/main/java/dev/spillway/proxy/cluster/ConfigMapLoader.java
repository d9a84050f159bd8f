package dev.spillway.proxy.cluster;

import dev.spillway.config.ClusterLayout;
import dev.spillway.config.PublishedConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.proxy.config.ConfigSink;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a ConfigMap revision into the config in force. The operator only publishes configs that
 * compiled, so a bad one here means a hand edit or a version skew: it is logged and the last good
 * config keeps serving. A revision with the version in force (a label edit, a resync) changes nothing.
 */
final class ConfigMapLoader {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigMapLoader.class);

  private final ConfigSink sink;
  private String currentVersion;

  ConfigMapLoader(ConfigSink sink) {
    this.sink = sink;
  }

  /** @return whether a new config was put in force */
  synchronized boolean apply(ConfigMap configMap) {
    Map<String, String> data = configMap.getData() == null ? Map.of() : configMap.getData();
    if (currentVersion != null && currentVersion.equals(data.get(ClusterLayout.VERSION_KEY))) {
      return false; // a resync or a metadata edit: nothing to decompress and parse
    }
    RouterConfig config;
    try {
      config = PublishedConfig.read(data, configMap.getBinaryData());
    } catch (IllegalArgumentException bad) {
      LOG.error("ConfigMap {} holds no valid config ({}); still serving {}",
          configMap.getMetadata().getName(), bad.getMessage(), currentVersion);
      return false;
    }
    if (config == null) {
      LOG.warn("ConfigMap {} has neither {} nor {}; still serving {}", configMap.getMetadata().getName(),
          ClusterLayout.CONFIG_GZ_KEY, ClusterLayout.CONFIG_KEY, currentVersion);
      return false;
    }
    if (config.version().equals(currentVersion)) {
      return false;
    }
    sink.accept(config);
    currentVersion = config.version();
    return true;
  }

  synchronized String currentVersion() {
    return currentVersion;
  }
}
