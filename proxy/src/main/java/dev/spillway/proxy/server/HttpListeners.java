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
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;

/**
 * The server's cleartext HTTP/1.1 ports on the shared worker: what {@code Undertow#start} does for an
 * HTTP listener, with the same socket and server defaults, plus {@link LazyReadSuspension} under
 * every accepted connection. Undertow's builder has no hook between accepting a connection and
 * handing it to its HTTP layer, so the ports are opened here.
 */
final class HttpListeners implements AutoCloseable {
  /** A port and what serves it (port 0: any free port). */
  record Port(int port, HttpHandler handler) {}

  private final List<AcceptingChannel<StreamConnection>> channels;

  private HttpListeners(List<AcceptingChannel<StreamConnection>> channels) {
    this.channels = channels;
  }

  /**
   * Opens every port on {@code host}, or none: a port that cannot be bound closes those already open
   * and is named by the {@link PortUnavailableException} thrown.
   *
   * @param serverOptions Undertow options on top of Undertow's own defaults
   */
  static HttpListeners open(
      XnioWorker worker, ByteBufferPool buffers, String host, OptionMap serverOptions, List<Port> ports) {
    // Undertow#start's defaults for a listener's socket and its HTTP layer.
    OptionMap socket =
        OptionMap.builder()
            .set(Options.WORKER_IO_THREADS, worker.getIoThreadCount())
            .set(Options.TCP_NODELAY, true)
            .set(Options.REUSE_ADDRESSES, true)
            .set(Options.BALANCING_TOKENS, 1)
            .set(Options.BALANCING_CONNECTIONS, 2)
            .set(Options.BACKLOG, 1000)
            .getMap();
    OptionMap http =
        OptionMap.builder()
            .set(UndertowOptions.NO_REQUEST_TIMEOUT, 60_000)
            .set(UndertowOptions.BUFFER_PIPELINED_DATA, true)
            .addAll(serverOptions)
            .getMap();
    List<AcceptingChannel<StreamConnection>> open = new ArrayList<>();
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
        AcceptingChannel<StreamConnection> channel =
            worker.createStreamConnectionServer(
                new InetSocketAddress(address, port.port()), ChannelListeners.openListenerAdapter(accepted), socket);
        open.add(channel);
        channel.resumeAccepts();
      } catch (IOException e) {
        open.forEach(IoUtils::safeClose);
        throw new PortUnavailableException(host, port.port(), e);
      }
    }
    return new HttpListeners(List.copyOf(open));
  }

  /** The bound port of the {@code index}th port asked for. */
  int port(int index) {
    return ((InetSocketAddress) channels.get(index).getLocalAddress()).getPort();
  }

  /** Stops accepting; open connections end with the worker. */
  @Override
  public void close() {
    channels.forEach(IoUtils::safeClose);
  }
}
