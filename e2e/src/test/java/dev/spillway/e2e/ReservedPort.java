package dev.spillway.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A loopback port held for a child process until the test ends. A port found free and released at
 * once (the usual "bind 0, close, pass the number") can be taken by anyone before the child binds
 * it — seen here when the admin port had to be chosen seconds before the proxy started, while the
 * operator created its Deployment. This one stays bound, but not listening, with SO_REUSEADDR: the
 * kernel hands it to no other bind or connection, and a listener that also sets SO_REUSEADDR (the
 * proxy's do, as Undertow's) may still bind and listen on it.
 */
final class ReservedPort implements AutoCloseable {
  private final Socket holder;

  private ReservedPort(Socket holder) {
    this.holder = holder;
  }

  static ReservedPort take() {
    Socket holder = new Socket();
    try {
      holder.setReuseAddress(true);
      holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return new ReservedPort(holder);
    } catch (IOException e) {
      try {
        holder.close();
      } catch (IOException ignored) {
        // Nothing was reserved; the bind failure is what matters.
      }
      throw new UncheckedIOException("cannot reserve a loopback port", e);
    }
  }

  int port() {
    return holder.getLocalPort();
  }

  @Override
  public void close() {
    try {
      holder.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
