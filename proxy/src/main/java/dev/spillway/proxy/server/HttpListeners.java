package dev.spillway.proxy.server;

import io.undertow.UndertowOptions;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.HttpHandler;
import io.undertow.server.protocol.http.HttpOpenListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.xnio.ChannelListener;
import org.xnio.OptionMap;
import org.xnio.StreamConnection;
import org.xnio.XnioWorker;

/**
 * The server's cleartext HTTP/1.1 ports on the shared worker: what {@code Undertow#start} does for an
 * HTTP listener, with the same server defaults, plus {@link LazyReadSuspension} under every accepted
 * connection, each connection given to the least loaded IO thread ({@link BalancedAcceptor}).
 * Undertow's builder has no hook between accepting a connection and handing it to its HTTP layer,
 * so the ports are opened here.
 */
final class HttpListeners implements AutoCloseable {
  /** A port and what serves it (port 0: any free port). */
  record Port(int port, HttpHandler handler) {}

  private final List<BalancedAcceptor> acceptors;

  private HttpListeners(List<BalancedAcceptor> acceptors) {
    this.acceptors = acceptors;
  }

  /**
   * Opens every port on {@code host}, or none: a port that cannot be bound closes those already open
   * and is named by the {@link PortUnavailableException} thrown.
   *
   * @param serverOptions Undertow options on top of Undertow's own defaults
   */
  static HttpListeners open(
      XnioWorker worker, ByteBufferPool buffers, String host, OptionMap serverOptions, List<Port> ports) {
    // Undertow#start's defaults for a listener's HTTP layer (its socket's: BalancedAcceptor).
    OptionMap http =
        OptionMap.builder()
            .set(UndertowOptions.NO_REQUEST_TIMEOUT, 60_000)
            .set(UndertowOptions.BUFFER_PIPELINED_DATA, true)
            .addAll(serverOptions)
            .getMap();
    List<BalancedAcceptor> open = new ArrayList<>();
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + host + ": " + e.getMessage(), e);
    }
    for (Port port : ports) {
      HttpOpenListener undertow = new HttpOpenListener(buffers, http);
      undertow.setRootHandler(port.handler());
      ChannelListener<StreamConnection> accepted = connection -> {
        LazyReadSuspension.install(connection);
        undertow.handleEvent(connection);
      };
      try {
        open.add(BalancedAcceptor.open(worker, new InetSocketAddress(address, port.port()), accepted));
      } catch (IOException e) {
        open.forEach(BalancedAcceptor::close);
        throw new PortUnavailableException(host, port.port(), e);
      }
    }
    return new HttpListeners(List.copyOf(open));
  }

  /** The bound port of the {@code index}th port asked for. */
  int port(int index) {
    return acceptors.get(index).port();
  }

  /** Stops accepting; open connections end with the worker. */
  @Override
  public void close() {
    acceptors.forEach(BalancedAcceptor::close);
  }
}
