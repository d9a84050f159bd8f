package dev.spillway.proxy.telemetry.tracing;

import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code server.address} and {@code server.port} of an account's base URL, parsed once per URL
 * rather than on every attempt (URI parsing showed in the traced proxy's profile). The cache holds
 * one entry per distinct base URL ever configured: a handful, even across reloads.
 *
 * @param host null when the URL has none (the attributes are then left out)
 */
record ServerAddress(String host, long port) {
  private static final ConcurrentHashMap<String, ServerAddress> PARSED = new ConcurrentHashMap<>();

  static ServerAddress of(String baseUrl) {
    return PARSED.computeIfAbsent(baseUrl, ServerAddress::parse);
  }

  private static ServerAddress parse(String baseUrl) {
    URI base = URI.create(baseUrl);
    long port = base.getPort() > 0 ? base.getPort() : "https".equals(base.getScheme()) ? 443 : 80;
    return new ServerAddress(base.getHost(), port);
  }
}
