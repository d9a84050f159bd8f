package dev.spillway.proxy.server;

import org.xnio.StreamConnection;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.ConduitStreamSourceChannel;
import org.xnio.conduits.ReadReadyHandler;
import org.xnio.conduits.StreamSourceConduit;

/**
 * A client connection's reads, suspended lazily: the socket stays registered for reading when
 * Undertow suspends reads, and is taken off the selector only if it becomes readable meanwhile.
 *
 * <p>Why: Undertow suspends reads on a connection once it has parsed a request and resumes them
 * when the answer is written. XNIO clears the read interest of the socket's selection key, and the
 * JDK's epoll selector turns an interest of 0 into {@code EPOLL_CTL_DEL} and the resume into
 * {@code EPOLL_CTL_ADD}: two syscalls per call, a fifth of what a plain call costs in syscalls
 * (docs/benchmarks.md, "The tail at 75 % of saturation"). A client waiting for its answer sends
 * nothing, so a registered socket does not fire. One that does send (a pipelined request) or
 * closes while its request runs fires once: that readiness is not delivered (reads are suspended)
 * and the socket is then suspended for real, as before. Undertow's own read listener does the same
 * for readiness that arrives while a request runs; this only moves the suspension to when it is
 * needed.
 *
 * <p>Suspend and resume may come from any thread (an exchange that ends off its IO thread); the
 * readiness only comes on the IO thread. The check after a real suspension closes the race with a
 * resume from another thread in between.
 */
final class LazyReadSuspension extends AbstractStreamSourceConduit<StreamSourceConduit> {
  /** Reads as the layers above asked for them; the socket's interest may lag behind a suspension. */
  private volatile boolean resumed;

  private LazyReadSuspension(StreamSourceConduit socket) {
    super(socket);
  }

  /** Puts lazy suspension under every other layer of a freshly accepted connection. */
  static void install(StreamConnection connection) {
    ConduitStreamSourceChannel source = connection.getSourceChannel();
    LazyReadSuspension lazy = new LazyReadSuspension(source.getConduit());
    source.setConduit(lazy);
    // The socket's handler called the channel's listeners directly; from now on it goes through the gate.
    lazy.setReadReadyHandler(new ReadReadyHandler.ChannelListenerHandler<>(source));
  }

  @Override
  public void resumeReads() {
    resumed = true;
    next.resumeReads(); // no syscall when the socket is still registered
  }

  @Override
  public void wakeupReads() {
    resumed = true;
    next.wakeupReads();
  }

  @Override
  public void suspendReads() {
    resumed = false;
  }

  @Override
  public boolean isReadResumed() {
    return resumed && next.isReadResumed();
  }

  @Override
  public void setReadReadyHandler(ReadReadyHandler handler) {
    next.setReadReadyHandler(new Gate(handler));
  }

  /** Delivers readiness only while reads are resumed; otherwise suspends the socket for real. */
  private final class Gate implements ReadReadyHandler {
    private final ReadReadyHandler delegate;

    Gate(ReadReadyHandler delegate) {
      this.delegate = delegate;
    }

    @Override
    public void readReady() {
      if (resumed) {
        delegate.readReady();
        return;
      }
      next.suspendReads();
      if (resumed) {
        next.resumeReads(); // resumed from another thread between the check and the suspension
      }
    }

    @Override
    public void forceTermination() {
      delegate.forceTermination();
    }

    @Override
    public void terminated() {
      delegate.terminated();
    }
  }
}
