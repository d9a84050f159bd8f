package dev.spillway.proxy.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.spillway.proxy.http.Json;
import io.undertow.server.handlers.sse.ServerSentEventConnection;
import io.undertow.server.handlers.sse.ServerSentEventConnection.EventCallback;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One browser (or {@code top}) on the event stream. Undertow's connection queues whatever it is
 * given without bound, so this viewer gives it one line at a time and holds the rest in a bounded
 * buffer of its own: a viewer that stops reading fills it, and further lines are dropped and
 * counted (the page sees the gap in the sequence numbers and says so).
 */
final class SseViewer implements LiveViewer, EventCallback {
  /** The SSE event name of a log line. */
  static final String LINE = "line";

  private final ServerSentEventConnection connection;
  private final BlockingQueue<LiveEvent> buffer;
  private final AtomicBoolean sending = new AtomicBoolean();
  private final AtomicLong dropped = new AtomicLong();

  SseViewer(ServerSentEventConnection connection, int capacity) {
    this.connection = connection;
    this.buffer = new ArrayBlockingQueue<>(capacity);
  }

  @Override
  public boolean offer(LiveEvent event) {
    if (!buffer.offer(event)) {
      dropped.incrementAndGet();
      return false;
    }
    sendNext();
    return true;
  }

  /** Lines waiting in this viewer's buffer. */
  int buffered() {
    return buffer.size();
  }

  /** Lines dropped because this viewer fell behind. */
  long dropped() {
    return dropped.get();
  }

  private void sendNext() {
    // One line in Undertow's hands at a time; whoever finishes a send picks up the next.
    while (sending.compareAndSet(false, true)) {
      LiveEvent next = buffer.poll();
      if (next != null) {
        connection.send(json(next), LINE, Long.toString(next.seq()), this);
        return;
      }
      sending.set(false);
      if (buffer.isEmpty()) {
        return;
      }
    }
  }

  @Override
  public void done(ServerSentEventConnection connection, String data, String event, String id) {
    sending.set(false);
    sendNext();
  }

  @Override
  public void failed(ServerSentEventConnection connection, String data, String event, String id, IOException e) {
    // The connection is closing; its close task detaches this viewer. Nothing more is sent.
    buffer.clear();
  }

  private static String json(LiveEvent event) {
    try {
      return Json.MAPPER.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
