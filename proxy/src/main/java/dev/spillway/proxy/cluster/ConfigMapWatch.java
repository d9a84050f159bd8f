package dev.spillway.proxy.cluster;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one ConfigMap through the API with a Fabric8 informer (it re-lists and re-watches after a
 * dropped connection, so no change is missed) and feeds each revision to the loader. Needs only get,
 * list and watch on that one ConfigMap.
 */
final class ConfigMapWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigMapWatch.class);

  private final SharedIndexInformer<ConfigMap> informer;

  ConfigMapWatch(KubernetesClient client, ConfigMapRef ref, ConfigMapLoader loader) {
    this.informer = client.configMaps().inNamespace(ref.namespace()).withName(ref.name())
        .runnableInformer(0);
    informer.addEventHandler(new ResourceEventHandler<>() {
          @Override
          public void onAdd(ConfigMap configMap) {
            loader.apply(configMap);
          }

          @Override
          public void onUpdate(ConfigMap previous, ConfigMap configMap) {
            loader.apply(configMap);
          }

          @Override
          public void onDelete(ConfigMap configMap, boolean finalStateUnknown) {
            LOG.warn("ConfigMap {} deleted; still serving config {}", ref, loader.currentVersion());
          }
        });
    // start() keeps retrying while the API is unreachable, instead of failing the pod's start.
    informer.start();
  }

  @Override
  public void close() {
    informer.close();
  }
}
