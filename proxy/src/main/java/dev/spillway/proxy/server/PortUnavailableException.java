package dev.spillway.proxy.server;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A port the proxy was told to listen on could not be bound (most often: another process has it).
 * Names the port that failed, public or admin, so the one line a user reads points at the right one.
 */
public final class PortUnavailableException extends UncheckedIOException {
  private final int port;

  PortUnavailableException(String host, int port, IOException cause) {
    super("cannot listen on " + host + ":" + port + ": " + cause.getMessage(), cause);
    this.port = port;
  }

  /** The port asked for that could not be bound. */
  public int port() {
    return port;
  }
}
