package dev.spillway.proxy.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.proxy.http.Json;
import dev.spillway.proxy.providers.ChatChunk;
import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Writes an event stream to the client without blocking and in order, from any thread: frames
 * queue up and are drained on the connection's IO thread, one asynchronous send at a time.
 *
 * <p>A frame added on that IO thread once the response has started is drained at once rather than
 * through a task: an upstream chunk arrives on the IO thread that serves its client, so a queued
 * task per chunk would only add a queue operation, a lock on the loop's task queue and a second
 * pass through the event loop to every chunk. The first drain is always queued: it may be asked
 * for inside the request handler's own call, where Undertow must not start the response yet, and
 * once a queued drain has run that call has returned (the loop runs one thing at a time).
 *
 * <p>Hand-written rather than Undertow's ServerSentEventHandler because that one must own the
 * exchange from the start, while here headers are only known (served-by) at the first real token.
 */
public final class SseWriter implements ClientStream {
  private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);

  private final HttpServerExchange exchange;
  private volatile Runnable onClientGone = () -> {};
  private final Queue<Frame> frames = new ConcurrentLinkedQueue<>();
  // Touched only on the IO thread.
  private boolean writing;
  private boolean closed;
  /** A queued drain has run: the handler's call is over and a frame may be drained where it is added. */
  private boolean drained;

  private record Frame(Map<String, String> headers, byte[] bytes, boolean end) {}

  public SseWriter(HttpServerExchange exchange) {
    this.exchange = exchange;
  }

  /** What to do when a write fails because the client went away. */
  public void onClientGone(Runnable action) {
    this.onClientGone = action;
  }

  @Override
  public void open(Map<String, String> headers) {
    enqueue(new Frame(headers, null, false));
  }

  @Override
  public void event(JsonNode data) {
    event(null, data);
  }

  /** The chunk's bytes as the upstream sent them (scrubbed, usage cut when not asked for): no encoding. */
  @Override
  public void event(ChatChunk chunk) {
    frame(DATA, chunk.json());
  }

  /**
   * One event carrying this JSON, under an {@code event:} name when not null (the typed events of
   * the Responses and Messages APIs).
   */
  public void event(String name, JsonNode data) {
    frame(name == null ? DATA : ("event: " + name + "\ndata: ").getBytes(StandardCharsets.US_ASCII), Json.bytes(data));
  }

  private void frame(byte[] head, byte[] json) {
    int newlines = 0;
    for (byte b : json) {
      newlines += b == '\n' ? 1 : 0;
    }
    // Sized exactly and filled once: a frame per chunk, so no growing buffer and copy of it.
    byte[] frame = new byte[head.length + json.length + 2 + newlines * DATA.length];
    System.arraycopy(head, 0, frame, 0, head.length);
    if (newlines == 0) {
      System.arraycopy(json, 0, frame, head.length, json.length);
    } else {
      continuedLines(json, frame, head.length);
    }
    frame[frame.length - 2] = '\n';
    frame[frame.length - 1] = '\n';
    enqueue(new Frame(null, frame, false));
  }

  /**
   * JSON that came as several {@code data:} lines (an upstream may spread one event's JSON over
   * lines, which SSE joins with newlines) is written back as several lines: a bare newline would
   * end the field and leave the rest as a line no client can read.
   */
  private static void continuedLines(byte[] json, byte[] frame, int at) {
    for (byte b : json) {
      frame[at++] = b;
      if (b == '\n') {
        System.arraycopy(DATA, 0, frame, at, DATA.length);
        at += DATA.length;
      }
    }
  }

  @Override
  public void done() {
    enqueue(new Frame(null, DONE, false));
    end();
  }

  @Override
  public void end() {
    enqueue(new Frame(null, null, true));
  }

  private void enqueue(Frame frame) {
    frames.add(frame);
    if (Thread.currentThread() == exchange.getIoThread() && drained) {
      drain();
    } else {
      exchange.getIoThread().execute(this::drain);
    }
  }

  private void drain() {
    drained = true;
    while (!writing && !closed) {
      Frame frame = frames.poll();
      if (frame == null) {
        return;
      }
      if (frame.headers() != null) {
        startResponse(frame.headers());
      } else if (frame.end()) {
        closed = true;
        exchange.endExchange();
      } else {
        writing = true;
        exchange.getResponseSender().send(ByteBuffer.wrap(batch(frame.bytes())), callback);
      }
    }
  }

  /** This frame's bytes plus any data frames queued right behind it, in one write. */
  private byte[] batch(byte[] first) {
    Frame next = frames.peek();
    if (next == null || next.bytes() == null) {
      return first;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(first);
    while ((next = frames.peek()) != null && next.bytes() != null) {
      out.writeBytes(frames.poll().bytes());
    }
    return out.toByteArray();
  }

  private void startResponse(Map<String, String> headers) {
    exchange.setStatusCode(200);
    exchange.getResponseHeaders().put(HttpString.tryFromString("content-type"), "text/event-stream");
    exchange.getResponseHeaders().put(HttpString.tryFromString("cache-control"), "no-cache");
    headers.forEach((name, value) -> exchange.getResponseHeaders().put(HttpString.tryFromString(name), value));
  }

  private final IoCallback callback =
      new IoCallback() {
        @Override
        public void onComplete(HttpServerExchange ex, Sender sender) {
          writing = false;
          drain();
        }

        @Override
        public void onException(HttpServerExchange ex, Sender sender, IOException error) {
          writing = false;
          closed = true;
          frames.clear();
          onClientGone.run();
          IoCallback.END_EXCHANGE.onException(ex, sender, error);
        }
      };
}
