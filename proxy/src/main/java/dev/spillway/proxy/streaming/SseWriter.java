package dev.spillway.proxy.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.proxy.http.Json;
import dev.spillway.proxy.providers.ChatChunk;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSinkChannel;

/**
 * Writes an event stream to the client without blocking and in order, from any thread: frames
 * queue up and are drained on the connection's IO thread, one non-blocking write at a time.
 *
 * <p>A frame added on that IO thread once the response has started is drained at once rather than
 * through a task: an upstream chunk arrives on the IO thread that serves its client, so a queued
 * task per chunk would only add a queue operation, a lock on the loop's task queue and a second
 * pass through the event loop to every chunk; when nothing is queued or half-written it is not
 * queued either, but written at once. The first drain is always queued: it may be asked
 * for inside the request handler's own call, where Undertow must not start the response yet, and
 * once a queued drain has run that call has returned (the loop runs one thing at a time).
 *
 * <p>Hand-written rather than Undertow's ServerSentEventHandler because that one must own the
 * exchange from the start, while here headers are only known (served-by) at the first real token.
 */
public final class SseWriter implements ClientStream {
  /**
   * How far a client may fall behind its stream: bytes of events waiting for its socket. A client
   * that reads at all keeps up with any model (tens of KB a second); one this far behind has stopped
   * reading, and holding the rest of its answer would let a few such clients fill the heap. Its
   * connection is closed and the upstream call stopped, as when it hangs up.
   */
  public static final long BACKLOG_MAX = 16L << 20;
  private static final Logger LOG = LoggerFactory.getLogger(SseWriter.class);
  private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);

  private final HttpServerExchange exchange;
  private volatile Runnable onClientGone = () -> {};
  private final Queue<Frame> frames = new ConcurrentLinkedQueue<>();
  /** Bytes of the frames in {@link #frames}; frames may be added from any thread. */
  private final AtomicLong queuedBytes = new AtomicLong();
  // Touched only on the IO thread.
  private boolean writing;
  private boolean closed;
  /** A queued drain has run: the handler's call is over and a frame may be drained where it is added. */
  private boolean drained;
  /** The response channel, taken at the first write (the response's head goes out with it). */
  private StreamSinkChannel channel;
  /** What of a frame the socket did not take yet; while set, {@code writing} holds every later frame back. */
  private ByteBuffer unsent;

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
    if (Thread.currentThread() == exchange.getIoThread() && drained) {
      if (frame.bytes() != null && frames.isEmpty() && !writing && !closed) {
        write(ByteBuffer.wrap(frame.bytes())); // the steady state: nothing waits, nothing queued
        return;
      }
      queue(frame);
      drain();
    } else {
      queue(frame);
      exchange.getIoThread().execute(this::drain);
    }
  }

  private void queue(Frame frame) {
    if (frame.bytes() != null) {
      queuedBytes.addAndGet(frame.bytes().length);
    }
    frames.add(frame);
  }

  private Frame poll() {
    Frame frame = frames.poll();
    if (frame != null && frame.bytes() != null) {
      queuedBytes.addAndGet(-frame.bytes().length);
    }
    return frame;
  }

  private void drain() {
    drained = true;
    long backlog = queuedBytes.get() + (unsent == null ? 0 : unsent.remaining());
    if (backlog > BACKLOG_MAX && !closed) {
      LOG.warn("a streaming client stopped reading: {} bytes of its stream wait, over the {} MiB bound;"
          + " closing its connection", backlog, BACKLOG_MAX >> 20);
      clientGone();
      return;
    }
    while (!writing && !closed) {
      Frame frame = poll();
      if (frame == null) {
        return;
      }
      if (frame.headers() != null) {
        startResponse(frame.headers());
      } else if (frame.end()) {
        closed = true;
        exchange.endExchange();
      } else {
        write(ByteBuffer.wrap(batch(frame.bytes())));
      }
    }
  }

  /**
   * Writes to the response channel itself rather than through Undertow's Sender: the Sender
   * stores the callback and the writing thread in its fields on every send, and those stores into
   * an object as old as the stream are cards the collector's refinement threads must scan again
   * for every chunk of every open stream. What the socket does not take now goes out when it is
   * writable again, before any later frame.
   */
  private void write(ByteBuffer bytes) {
    try {
      if (channel == null) {
        channel = exchange.getResponseChannel();
        channel.getWriteSetter().set(ignored -> writable());
      }
      while (bytes.hasRemaining()) {
        if (channel.write(bytes) == 0) {
          writing = true;
          unsent = bytes;
          channel.resumeWrites();
          return;
        }
      }
    } catch (IOException gone) {
      clientGone();
    }
  }

  /** The socket takes bytes again: the rest of the frame it refused, then whatever queued meanwhile. */
  private void writable() {
    ByteBuffer rest = unsent;
    unsent = null;
    writing = false;
    channel.suspendWrites();
    if (rest != null && !closed) {
      write(rest);
    }
    drain();
  }

  /** A write failed: the client went away. Nothing more is written and the call is told. */
  private void clientGone() {
    writing = false;
    closed = true;
    unsent = null;
    frames.clear();
    queuedBytes.set(0);
    onClientGone.run();
    try {
      exchange.endExchange();
    } finally {
      IoUtils.safeClose(exchange.getConnection());
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
      out.writeBytes(poll().bytes());
    }
    return out.toByteArray();
  }

  private void startResponse(Map<String, String> headers) {
    exchange.setStatusCode(200);
    exchange.getResponseHeaders().put(HttpString.tryFromString("content-type"), "text/event-stream");
    exchange.getResponseHeaders().put(HttpString.tryFromString("cache-control"), "no-cache");
    headers.forEach((name, value) -> exchange.getResponseHeaders().put(HttpString.tryFromString(name), value));
  }
}
