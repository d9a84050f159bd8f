package dev.spillway.proxy.shared;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * Where the replicas share their state, if anywhere.
 *
 * @param address {@code redis://host:port} or {@code rediss://host:port} (TLS); null when every
 *     replica keeps its own state
 * @param password the server's password ({@code AUTH}), or null; never part of the address, so it
 *     cannot leak into logs or the config
 * @param keyPrefix what every key starts with, so routers can share one server
 * @param admitTimeout the longest a call's admission waits for a shared limit or budget before it
 *     decides locally
 */
public record SharedStateOptions(URI address, String password, String keyPrefix, Duration admitTimeout) {
  public static final Duration DEFAULT_ADMIT_TIMEOUT = Duration.ofMillis(100);
  public static final String DEFAULT_PREFIX = "spillway";
  /** Each replica keeps its own state. */
  public static final SharedStateOptions LOCAL = new SharedStateOptions(null, null, DEFAULT_PREFIX, DEFAULT_ADMIT_TIMEOUT);

  /**
   * The options for {@code address} (null or blank: {@link #LOCAL}).
   *
   * @throws IllegalArgumentException naming what is wrong with the address
   */
  public static SharedStateOptions parse(String address, String password, String keyPrefix) {
    if (address == null || address.isBlank()) {
      return LOCAL;
    }
    URI uri;
    try {
      uri = new URI(address.trim());
    } catch (URISyntaxException e) {
      // The reason and where, never the input: it may hold a password.
      throw new IllegalArgumentException("not a URL: " + e.getReason() + " at index " + e.getIndex());
    }
    if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
      throw new IllegalArgumentException(
          "expected redis://host:port or rediss://host:port (TLS), got scheme " + uri.getScheme());
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      throw new IllegalArgumentException("expected redis://host:port, the host is missing");
    }
    if (uri.getUserInfo() != null) {
      throw new IllegalArgumentException(
          "put the password in SPILLWAY_SHARED_STATE_PASSWORD (a Secret in a cluster), not in the address");
    }
    String prefix = keyPrefix == null || keyPrefix.isBlank() ? DEFAULT_PREFIX : keyPrefix.trim();
    return new SharedStateOptions(uri, password == null || password.isEmpty() ? null : password, prefix,
        DEFAULT_ADMIT_TIMEOUT);
  }

  public boolean enabled() {
    return address != null;
  }

  public boolean tls() {
    return address != null && "rediss".equals(address.getScheme());
  }

  public int port() {
    return address.getPort() > 0 ? address.getPort() : 6379;
  }

  public SharedStateOptions withAdmitTimeout(Duration timeout) {
    return new SharedStateOptions(address, password, keyPrefix, timeout);
  }

  /** The address alone: the password never. */
  @Override
  public String toString() {
    return enabled() ? address + (password != null ? " (with password)" : "") : "local";
  }
}
