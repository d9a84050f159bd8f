package dev.spillway.proxy.providers.http;

import dev.spillway.config.AccountConfig;
import io.undertow.connector.ByteBufferPool;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.XnioIoThread;
import org.xnio.XnioWorker;

/**
 * Upstream HTTP/1.1 on the server's own XNIO IO threads, with Undertow's client.
 *
 * <p>Why not the JDK client for these: it runs its own selector thread, so every call crossed
 * threads twice (the inbound IO thread wakes the selector to send, the selector's callback writes
 * the answer back), and on two cores those wake-ups and the client's reactive plumbing cost more
 * than the whole exchange costs nginx (docs/benchmarks.md). Here a call starts, is answered and
 * is written back on the IO thread that read the inbound request, as nginx does on its event loop.
 *
 * <p>Connections are kept alive in a pool per IO thread and origin, touched only by that thread,
 * so the pool needs no locks. Shared by every account and config version: a reload keeps the warm
 * connections.
 */
public final class EventLoopClient {
  /** Idle connections kept per origin and IO thread; more are closed when they come back. */
  static final int MAX_IDLE_PER_ORIGIN = 256;

  private volatile XnioWorker worker;
  private final ByteBufferPool buffers = BufferPools.direct(16 * 1024);
  private final ClientConnector connector =
      new ClientConnector(buffers, OptionMap.create(Options.TCP_NODELAY, true));
  private final Map<XnioIoThread, IdleConnections> idle = new ConcurrentHashMap<>();
  private final HostResolver resolver;
  private final UpstreamLimits limits;

  /**
   * @param blocking where DNS lookups run: never on an IO thread
   * @param limits bounds on every answer's body and stream
   */
  public EventLoopClient(Executor blocking, UpstreamLimits limits) {
    this.resolver = new HostResolver(blocking);
    this.limits = limits;
  }

  /** Calls run on this worker's IO threads from now on: the server's, once it starts. */
  public void start(XnioWorker serverWorker) {
    this.worker = serverWorker;
  }

  /** The transport for one account's cleartext base URL. */
  UpstreamTransport transport(AccountConfig account) {
    return new EventLoopTransport(this, account.timeouts().connectMs());
  }

  /** The IO thread a new call runs on: the caller's own when it is one of ours, else the next. */
  XnioIoThread thread() {
    XnioWorker loops = worker;
    if (loops == null) {
      throw new IllegalStateException("upstream call before the server started");
    }
    XnioIoThread current = XnioIoThread.currentThread();
    return current != null && current.getWorker() == loops ? current : loops.getIoThread();
  }

  IdleConnections idle(XnioIoThread thread) {
    return idle.computeIfAbsent(thread, t -> new IdleConnections(MAX_IDLE_PER_ORIGIN));
  }

  ByteBufferPool buffers() {
    return buffers;
  }

  ClientConnector connector() {
    return connector;
  }

  UpstreamLimits limits() {
    return limits;
  }

  HostResolver resolver() {
    return resolver;
  }
}
