package dev.spillway.proxy.cluster;

import dev.spillway.proxy.live.ClusterView;
import dev.spillway.proxy.server.ProxyOptions;
import dev.spillway.proxy.server.ProxyServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;

/**
 * The proxy as the operator deploys it: config from its ConfigMap (swapped atomically on every
 * published change), credentials from mounted Secret files. /readyz answers 503 until the first
 * config is in force, so a pod takes no traffic before it can route.
 */
public final class ClusterProxy implements AutoCloseable {
  static final String NO_STATUS = "no cluster-wide figures: the operator passes --status-namespace only to proxies"
      + " of a Router serving its own namespace (its Role can grant reading only there)";
  private final KubernetesClient client;
  private final ProxyServer server;
  private final ConfigMapLoader loader;
  private final ConfigMapWatch watch;
  /** The operator's status of the served namespace, for the live page; null when not given one. */
  private final ClusterStatusWatch status;

  private ClusterProxy(KubernetesClient client, ProxyServer server, ConfigMapLoader loader, ConfigMapWatch watch,
      ClusterStatusWatch status) {
    this.client = client;
    this.server = server;
    this.loader = loader;
    this.watch = watch;
    this.status = status;
  }

  /**
   * Starts serving at once (not ready) and loads the ConfigMap as soon as the API answers.
   *
   * @param statusNamespace where the operator keeps the status of the models and accounts this proxy
   *     serves (the live page shows it); null when the operator gives none
   */
  public static ClusterProxy start(ProxyOptions options, ConfigMapRef configMap, Path secretsRoot,
      KubernetesClient client, String statusNamespace) {
    ProxyServer server = new ProxyServer(options, new MountedSecretCredentials(secretsRoot));
    try {
      server.start();
      ConfigMapLoader loader = new ConfigMapLoader(server.configSink());
      ClusterStatusWatch status = null;
      if (statusNamespace != null) {
        status = new ClusterStatusWatch(client, statusNamespace);
        server.live().showCluster(status::view);
      } else {
        server.live().showCluster(() -> ClusterView.none(NO_STATUS));
      }
      return new ClusterProxy(client, server, loader, new ConfigMapWatch(client, configMap, loader), status);
    } catch (RuntimeException failed) {
      server.close();
      client.close();
      throw failed;
    }
  }

  public int port() {
    return server.port();
  }

  public int adminPort() {
    return server.adminPort();
  }

  /** Version of the config in force, null until the first one loads. */
  public String configVersion() {
    return loader.currentVersion();
  }

  @Override
  public void close() {
    watch.close();
    if (status != null) {
      status.close();
    }
    server.close();
    client.close();
  }
}
