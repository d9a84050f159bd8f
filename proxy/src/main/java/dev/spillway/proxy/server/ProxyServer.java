package dev.spillway.proxy.server;

import dev.spillway.proxy.config.ConfigSink;
import dev.spillway.proxy.credentials.CredentialSource;

/**
 * The data plane: an Undertow server exposing the OpenAI-compatible API, routing each call over the
 * config in force.
 */
public final class ProxyServer implements AutoCloseable {

  public ProxyServer(ProxyOptions options, CredentialSource credentials) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Where new configs go; until the first arrives, /readyz answers 503. */
  public ConfigSink configSink() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  public void start() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** The bound port (useful with port 0). */
  public int port() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  @Override
  public void close() {}
}
