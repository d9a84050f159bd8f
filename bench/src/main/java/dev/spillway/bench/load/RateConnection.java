package dev.spillway.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * One non-blocking keep-alive connection of the open-loop generator ({@link ConstantRate}). It owns
 * every n-th slot of the one global schedule. A slot that comes due while the connection's previous
 * call is still out is owed, and sent the moment that answer is read; its latency is still measured
 * from when it was due, so a stall of the server shows in every call due during it (no coordinated
 * omission).
 *
 * <p>Two threads call in: the schedule's ({@link #due}) and the selector's ({@link #readable},
 * {@link #writable}); every method that touches the state is synchronized (the two rarely meet: one
 * sends, the other reads the answer).
 */
final class RateConnection {
  private static final int CONNECT_TIMEOUT_MS = 5_000;

  private final InetSocketAddress address;
  private final Selector selector;
  private final ByteBuffer request;
  private final Schedule schedule;
  private final Tally tally;
  private final int stride;
  private final ResponseFraming framing = new ResponseFraming();
  private long nextSlot;
  private int owed;
  private boolean inFlight;
  private long sentDue;
  private SocketChannel channel;
  private SelectionKey key;

  /** The schedule of the run: when slot {@code n} is due (System.nanoTime). */
  interface Schedule {
    long due(long slot);
  }

  RateConnection(Target target, Selector selector, Schedule schedule, Tally tally, int index, int stride) {
    this.address = new InetSocketAddress("127.0.0.1", target.port());
    this.selector = selector;
    byte[] bytes = target.encodedRequest();
    this.request = ByteBuffer.allocateDirect(bytes.length).put(bytes);
    this.schedule = schedule;
    this.tally = tally;
    this.nextSlot = index;
    this.stride = stride;
  }

  /** Connects ahead of the run, so the first call does not pay for it; a failure is retried at the first send. */
  synchronized void open() {
    try {
      connect();
    } catch (IOException e) {
      closeChannel();
    }
  }

  /** The connection's next slot is due now: sent at once, or when the call still out is answered. */
  synchronized void due() {
    owed++;
    sendOwed();
  }

  synchronized void readable(ByteBuffer buffer) {
    if (channel == null) {
      return;
    }
    try {
      buffer.clear();
      int read = channel.read(buffer);
      if (read < 0) {
        if (inFlight && framing.endsAtClose()) {
          answered();
        } else if (inFlight) {
          failed();
        }
        closeChannel();
      } else if (read > 0) {
        buffer.flip();
        if (!inFlight) {
          throw new IOException("bytes from the server with no call out");
        }
        if (framing.feed(buffer)) {
          if (buffer.hasRemaining()) {
            throw new IOException("bytes after the answer with no call out");
          }
          boolean close = framing.close();
          answered();
          if (close) {
            closeChannel();
          }
        }
      }
      // One read per readiness: the selector reports the rest of a long answer, and a second read
      // would end in EAGAIN on nearly every call.
    } catch (IOException | RuntimeException e) {
      if (inFlight) {
        failed();
      }
      closeChannel();
    }
    sendOwed();
  }

  synchronized void writable() {
    try {
      channel.write(request);
      if (!request.hasRemaining()) {
        key.interestOps(SelectionKey.OP_READ);
      }
    } catch (IOException | CancelledKeyException e) {
      failed();
      closeChannel();
      sendOwed();
    }
  }

  synchronized void close() {
    closeChannel();
  }

  private void sendOwed() {
    while (owed > 0 && !inFlight) {
      owed--;
      sentDue = schedule.due(nextSlot);
      nextSlot += stride;
      inFlight = true;
      try {
        if (channel == null) {
          connect();
        }
        request.clear();
        channel.write(request);
        if (request.hasRemaining()) {
          // The server is not reading: the selector writes the rest when it can.
          key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
          selector.wakeup();
        }
      } catch (IOException | CancelledKeyException e) {
        failed();
        closeChannel();
      }
    }
  }

  private void connect() throws IOException {
    SocketChannel opened = SocketChannel.open();
    try {
      opened.socket().setTcpNoDelay(true);
      opened.socket().connect(address, CONNECT_TIMEOUT_MS);
      opened.configureBlocking(false);
      key = opened.register(selector, SelectionKey.OP_READ, this);
    } catch (IOException e) {
      opened.close();
      throw e;
    }
    channel = opened;
    framing.reset();
    // The selector may be blocked in a select that does not watch the new channel yet.
    selector.wakeup();
  }

  private void answered() {
    tally.answered(sentDue, framing.status());
    inFlight = false;
    framing.reset();
  }

  private void failed() {
    tally.failed();
    inFlight = false;
  }

  private void closeChannel() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // closing anyway
      }
      channel = null;
      key = null;
    }
  }
}
