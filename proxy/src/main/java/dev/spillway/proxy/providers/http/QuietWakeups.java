package dev.spillway.proxy.providers.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.xnio.StreamConnection;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.ConduitStreamSourceChannel;
import org.xnio.conduits.ReadReadyHandler;
import org.xnio.conduits.StreamSourceConduit;

/**
 * Lies under Undertow's client connection and spares the read syscall of a queued read wake-up
 * that would find the socket empty.
 *
 * <p>Why: when an answer's body arrives in the same read as its head (a plain answer nearly always
 * does), Undertow's client pushes the body bytes back and queues a read wake-up on the IO thread,
 * so that a listener gets them even though the socket will not fire again. The body is then read
 * whole at once ({@link WholeBodyExchange}), the connection goes back to the pool, and when the
 * wake-up runs, the idle connection's listener reads the socket: one {@code read} that returns
 * EAGAIN on every plain call (docs/benchmarks.md, "The tail at 75 %").
 *
 * <p>During the dispatch of a queued wake-up, a read that gets down to this layer answers 0 ("nothing
 * now") without a syscall. Bytes pushed back are served by the layer above, as before. Bytes really
 * waiting on the socket are not lost, only reported one loop later: the JDK's epoll selector is
 * level-triggered and a listener that reads 0 keeps its read interest. Readiness from the selector
 * reads the socket as always.
 *
 * <p>Touched only on the connection's IO thread (wake-ups are queued and run there, as is every
 * upstream exchange: {@link LoopExchange}), so the flags are plain fields.
 */
final class QuietWakeups extends AbstractStreamSourceConduit<StreamSourceConduit> {
  /** A wake-up was queued and its dispatch has not run yet. */
  private boolean wakeupQueued;
  /** The queued wake-up's listeners are running now. */
  private boolean inWakeup;

  private QuietWakeups(StreamSourceConduit socket) {
    super(socket);
  }

  /** Puts quiet wake-ups right above the socket of a freshly opened connection, before any other layer. */
  static void install(StreamConnection connection) {
    ConduitStreamSourceChannel source = connection.getSourceChannel();
    QuietWakeups quiet = new QuietWakeups(source.getConduit());
    source.setConduit(quiet);
    // The socket's handler calls the channel's listeners; from now on it goes through this layer.
    quiet.setReadReadyHandler(new ReadReadyHandler.ChannelListenerHandler<>(source));
  }

  @Override
  public void wakeupReads() {
    wakeupQueued = true;
    next.wakeupReads();
  }

  @Override
  public void setReadReadyHandler(ReadReadyHandler handler) {
    next.setReadReadyHandler(handler == null ? null : new Dispatch(handler));
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return inWakeup ? 0 : next.read(dst);
  }

  @Override
  public long read(ByteBuffer[] dsts, int offs, int len) throws IOException {
    return inWakeup ? 0 : next.read(dsts, offs, len);
  }

  /**
   * The socket's readiness handler. XNIO runs a queued wake-up before its next select, so the first
   * readiness after {@link #wakeupReads} is that wake-up's.
   */
  private final class Dispatch implements ReadReadyHandler {
    private final ReadReadyHandler listeners;

    Dispatch(ReadReadyHandler listeners) {
      this.listeners = listeners;
    }

    @Override
    public void readReady() {
      if (!wakeupQueued) {
        listeners.readReady();
        return;
      }
      wakeupQueued = false;
      inWakeup = true;
      try {
        listeners.readReady();
      } finally {
        inWakeup = false;
      }
    }

    @Override
    public void forceTermination() {
      listeners.forceTermination();
    }

    @Override
    public void terminated() {
      listeners.terminated();
    }
  }
}
