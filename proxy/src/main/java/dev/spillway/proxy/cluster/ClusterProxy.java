package dev.spillway.proxy.cluster;

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
  private final KubernetesClient client;
  private final ProxyServer server;
  private final ConfigMapLoader loader;
  private final ConfigMapWatch watch;

  private ClusterProxy(
      KubernetesClient client, ProxyServer server, ConfigMapLoader loader, ConfigMapWatch watch) {
    this.client = client;
    this.server = server;
    this.loader = loader;
    this.watch = watch;
  }

  /** Starts serving at once (not ready) and loads the ConfigMap as soon as the API answers. */
  public static ClusterProxy start(
      ProxyOptions options, ConfigMapRef configMap, Path secretsRoot, KubernetesClient client) {
    ProxyServer server = new ProxyServer(options, new MountedSecretCredentials(secretsRoot));
    try {
      server.start();
      ConfigMapLoader loader = new ConfigMapLoader(server.configSink());
      return new ClusterProxy(client, server, loader, new ConfigMapWatch(client, configMap, loader));
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
    server.close();
    client.close();
  }
}
