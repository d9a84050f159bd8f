package dev.spillway.config;

/**
 * How the operator hands a config and credentials to in-cluster proxies; both sides read these
 * names from here so they cannot drift apart.
 */
public final class ClusterLayout {
  /** ConfigMap data key holding the {@link ConfigJson} text of the config (operators before compression). */
  public static final String CONFIG_KEY = "config.json";

  /** ConfigMap binaryData key holding the gzip-compressed {@link ConfigJson} text ({@link PublishedConfig}). */
  public static final String CONFIG_GZ_KEY = "config.json.gz";

  /** ConfigMap data key holding the config's content version, for a reader that skips the JSON. */
  public static final String VERSION_KEY = "version";

  /** Annotation carrying the config's content version, for `kubectl get -o` and selectors. */
  public static final String VERSION_ANNOTATION = "spillway.dev/config-version";

  /** Where each referenced Secret is mounted in the proxy pod: {@code <root>/<secret>/<key>}. */
  public static final String SECRETS_ROOT = "/var/run/spillway/secrets";

  /**
   * Where the Router's {@code spec.admin.credentialsSecret} is mounted in the proxy pod: the files
   * {@code username} and {@code password}.
   */
  public static final String ADMIN_CREDENTIALS_DIR = "/var/run/spillway/admin-credentials";

  /** Port the proxy serves its public API on inside its pod. */
  public static final int PROXY_PORT = 8080;

  /**
   * Port of the proxy's admin endpoints (metrics, stats, quality): scraped by the operator and
   * Prometheus, never exposed by the Service.
   */
  public static final int ADMIN_PORT = 9090;

  private ClusterLayout() {}
}
