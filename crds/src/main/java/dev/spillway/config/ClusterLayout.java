package dev.spillway.config;

/**
 * How the operator hands a config and credentials to in-cluster proxies; both sides read these
 * names from here so they cannot drift apart.
 */
public final class ClusterLayout {
  /** ConfigMap data key holding the {@link ConfigJson} text of the config. */
  public static final String CONFIG_KEY = "config.json";

  /** Annotation (and ConfigMap data key) carrying the config's content version. */
  public static final String VERSION_KEY = "spillway.dev/config-version";

  /** Where each referenced Secret is mounted in the proxy pod: {@code <root>/<secret>/<key>}. */
  public static final String SECRETS_ROOT = "/var/run/spillway/secrets";

  /** Port the proxy listens on inside its pod. */
  public static final int PROXY_PORT = 8080;

  private ClusterLayout() {}
}
