package dev.spillway.proxy.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.XnioIoThread;
import org.xnio.XnioWorker;
import org.xnio.nio.AdoptedSocket;

/**
 * Accepts a port's connections on a thread of its own and gives each to the IO thread serving the
 * fewest open connections (ties taken in turn).
 *
 * <p>Why not XNIO's acceptor: it picks each connection's IO thread at random. A client that keeps a
 * few connections alive (a load balancer, an application's pool of 16) then often leaves one IO thread
 * with more of them than the other: with 16 connections on two IO threads, a split of 10 to 6 or worse
 * comes up in nearly half the draws, and the busier thread runs out of CPU first (measured at a fixed
 * 7,500 calls a second over 16 connections: 44 µs of CPU a call on one IO thread, 22 on the other).
 * Balancing by open connections is what nginx's and Netty's event loops approximate; it keeps the IO
 * threads evenly loaded whatever order connections come and go in.
 */
final class BalancedAcceptor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BalancedAcceptor.class);
  private static final int BACKLOG = 1000;
  /** After an accept fails (out of file descriptors, say), the wait before the next, doubling. */
  private static final long FIRST_BACKOFF_MS = 10;
  private static final long MAX_BACKOFF_MS = 1000;
  /** How long {@link #close} waits for the accepting thread to leave accept() (it does so at once). */
  private static final long CLOSE_WAIT_MS = 5_000;

  private final ServerSocketChannel server;
  private final XnioIoThread[] threads;
  private final AtomicIntegerArray open;
  private final ChannelListener<StreamConnection> opened;
  private final Thread acceptor;
  /** Where the search for the least loaded thread starts next, so ties rotate (acceptor thread only). */
  private int nextStart;

  private BalancedAcceptor(ServerSocketChannel server, XnioWorker worker, ChannelListener<StreamConnection> opened) {
    this.server = server;
    this.threads = new XnioIoThread[worker.getIoThreadCount()];
    for (int i = 0; i < threads.length; i++) {
      threads[i] = worker.getIoThread(i);
    }
    this.open = new AtomicIntegerArray(threads.length);
    this.opened = opened;
    this.acceptor = new Thread(this::acceptLoop, "spillway-accept-" + port());
    acceptor.setDaemon(true);
  }

  /**
   * Binds {@code address} and starts accepting; {@code opened} gets each connection on its own IO
   * thread.
   */
  static BalancedAcceptor open(XnioWorker worker, InetSocketAddress address, ChannelListener<StreamConnection> opened)
      throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open();
    try {
      server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      server.bind(address, BACKLOG);
    } catch (IOException | RuntimeException e) {
      IoUtils.safeClose(server);
      throw e;
    }
    BalancedAcceptor accepting = new BalancedAcceptor(server, worker, opened);
    accepting.acceptor.start();
    return accepting;
  }

  int port() {
    return ((InetSocketAddress) server.socket().getLocalSocketAddress()).getPort();
  }

  /** Open connections per IO thread, in the worker's thread order. */
  int[] openConnections() {
    int[] counts = new int[threads.length];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = open.get(i);
    }
    return counts;
  }

  /**
   * Stops accepting, and returns once the port is released: connections already open go on until
   * they or the worker close.
   */
  @Override
  public void close() {
    IoUtils.safeClose(server);
    // The JDK defers closing a listening socket until the thread blocked in its accept() has left it:
    // until the acceptor ends, the kernel would still complete handshakes into the backlog.
    try {
      acceptor.join(CLOSE_WAIT_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptLoop() {
    long backoffMs = 0;
    while (server.isOpen()) {
      SocketChannel socket;
      try {
        socket = server.accept();
        backoffMs = 0;
      } catch (ClosedChannelException closed) {
        return;
      } catch (IOException e) {
        // The next accept would fail the same way at once: wait, and say so once a run of failures.
        if (backoffMs == 0) {
          LOG.warn("cannot accept connections on port {}: {}; retrying", port(), e.getMessage());
        }
        backoffMs = backoffMs == 0 ? FIRST_BACKOFF_MS : Math.min(backoffMs * 2, MAX_BACKOFF_MS);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoffMs));
        continue;
      }
      hand(socket);
    }
  }

  private void hand(SocketChannel socket) {
    int index = leastLoaded();
    XnioIoThread thread = threads[index];
    open.incrementAndGet(index);
    StreamConnection connection;
    try {
      socket.configureBlocking(false);
      socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
      connection = AdoptedSocket.adopt(thread, socket, () -> open.decrementAndGet(index));
    } catch (IOException | RuntimeException e) {
      open.decrementAndGet(index);
      IoUtils.safeClose(socket);
      return;
    }
    try {
      thread.execute(() -> opened.handleEvent(connection));
    } catch (RejectedExecutionException stopping) {
      IoUtils.safeClose(connection);
    }
  }

  private int leastLoaded() {
    int best = nextStart;
    for (int step = 1; step < threads.length; step++) {
      int candidate = (nextStart + step) % threads.length;
      if (open.get(candidate) < open.get(best)) {
        best = candidate;
      }
    }
    nextStart = (best + 1) % threads.length;
    return best;
  }
}
