package org.xnio.nio;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.xnio.StreamConnection;
import org.xnio.XnioIoThread;

/**
 * An accepted socket made into XNIO's own connection on an IO thread the caller chose: what
 * {@code NioTcpServer.accept} does after accepting, without its choice of thread.
 *
 * <p>Why this class lives in XNIO's package: XNIO 3.8 gives every accepted connection to an IO thread
 * picked at random ({@code NioTcpServer.accept}: {@code ThreadLocalRandom}), and has no public way to
 * choose the thread or to wrap a socket accepted elsewhere; the connection's constructor and the IO
 * thread's registration are package-private. Spillway's acceptor
 * ({@code dev.spillway.proxy.server.BalancedAcceptor}) needs both to give each connection to the IO
 * thread serving the fewest. The shaded jar has XNIO and this class in one class loader, so the
 * package is one runtime package; {@code BalancedAcceptorTest} fails if an XNIO upgrade changes
 * these members.
 */
public final class AdoptedSocket {
  private AdoptedSocket() {}

  /**
   * Registers {@code socket} (non-blocking, connected) with {@code thread}'s selector and returns the
   * connection XNIO would have made for it; {@code closed} runs once the connection is closed.
   */
  public static StreamConnection adopt(XnioIoThread thread, SocketChannel socket, Runnable closed)
      throws IOException {
    WorkerThread worker = (WorkerThread) thread;
    SelectionKey key = worker.registerChannel(socket);
    return new NioSocketStreamConnection(worker, key, closed::run);
  }
}
