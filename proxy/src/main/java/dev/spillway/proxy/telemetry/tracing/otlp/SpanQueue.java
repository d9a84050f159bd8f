package dev.spillway.proxy.telemetry.tracing.otlp;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Ended spans waiting for export, already encoded, as the bytes of the requests that will carry
 * them: each span is appended to the request being filled, which is sealed for the export thread
 * once it holds {@code requestSpans} spans or {@code requestBytes} bytes. At most
 * {@code queueSpans} spans and {@code queueBytes} bytes wait (the request being sent not counted):
 * a span that would go past either is dropped and counted, and the thread that ended it never
 * waits.
 *
 * <p>Why not the SDK's batch processor: it queues span objects, one queue offer and one shared
 * counter update per span on the thread serving the call, and its worker takes them one by one and
 * hands them to the exporter, which copied each span's encoding again into its request; every span
 * stayed alive (and was copied by each young collection) until its request was sent. Here a span is
 * a few hundred bytes copied under a lock the moment it ends, its objects garbage at once, and a
 * request's buffer is reused once its export is done. The counts it keeps (spans kept, traces,
 * dropped) are plain fields under the same lock.
 */
final class SpanQueue {
  private final int requestSpans;
  private final int requestBytes;
  private final int queueSpans;
  private final long queueBytes;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition sealedOrFlush = lock.newCondition();
  /** Guarded by {@link #lock}, as is every field below. */
  private final ArrayDeque<Request> sealed = new ArrayDeque<>();
  /** Buffers of requests whose export completed, for the next requests: at most one per request that can wait. */
  private final ArrayDeque<ProtoWriter> spare = new ArrayDeque<>();
  private Request filling;
  private int waitingSpans;
  private long waitingBytes;
  private boolean flushing;
  private long kept;
  private long traces;
  private long dropped;

  SpanQueue(int requestSpans, int requestBytes, int queueSpans, long queueBytes) {
    if (requestSpans < 1 || requestBytes < 1 || queueSpans < requestSpans || queueBytes < requestBytes) {
      throw new IllegalArgumentException("span queue of " + queueSpans + " spans / " + queueBytes
          + " bytes cannot hold a request of " + requestSpans + " spans / " + requestBytes + " bytes");
    }
    this.requestSpans = requestSpans;
    this.requestBytes = requestBytes;
    this.queueSpans = queueSpans;
    this.queueBytes = queueBytes;
  }

  /** The spans of one request, as the {@code spans} fields of its {@code ScopeSpans}. */
  static final class Request {
    final ProtoWriter spans;
    int count;

    private Request(ProtoWriter spans) {
      this.spans = spans;
    }
  }

  /**
   * Queues one span ({@code span}: its {@code spans} field, {@link TraceRequestEncoder#spanField}),
   * or drops it if the queue is full.
   *
   * @param root whether it is the first span of its trace here (no parent, or a remote one)
   * @return false if it was dropped
   */
  boolean add(ProtoWriter span, boolean root) {
    int size = span.size();
    lock.lock();
    try {
      kept++;
      if (root) {
        traces++;
      }
      if (waitingSpans >= queueSpans || waitingBytes + size > queueBytes) {
        dropped++;
        return false;
      }
      if (filling == null) {
        ProtoWriter buffer = spare.poll();
        filling = new Request(buffer != null ? buffer : new ProtoWriter(64 * 1024));
      }
      filling.spans.append(span);
      filling.count++;
      waitingSpans++;
      waitingBytes += size;
      if (filling.count >= requestSpans || filling.spans.size() >= requestBytes) {
        sealed.add(filling);
        filling = null;
        sealedOrFlush.signal();
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The next request to send: a sealed one, else — once {@code deadline} ({@link System#nanoTime})
   * has passed, or a flush is asked for — the one being filled, if it has any span; null if there
   * is none by then (and a flush asked for is over: everything queued before it has been taken).
   */
  Request next(long deadline) throws InterruptedException {
    lock.lock();
    try {
      while (sealed.isEmpty()) {
        long wait = deadline - System.nanoTime();
        if (wait <= 0 || flushing) {
          if (filling != null) {
            sealed.add(filling);
            filling = null;
          } else {
            flushing = false;
          }
          break;
        }
        sealedOrFlush.awaitNanos(wait);
      }
      Request next = sealed.poll();
      if (next != null) {
        waitingSpans -= next.count;
        waitingBytes -= next.spans.size();
      }
      return next;
    } finally {
      lock.unlock();
    }
  }

  /** Asks {@link #next} to give every span queued so far without waiting for its deadline. */
  void flush() {
    lock.lock();
    try {
      flushing = true;
      sealedOrFlush.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Gives back the buffer of a request whose export is done, for a later request. */
  void recycle(Request sent) {
    sent.spans.reset();
    lock.lock();
    try {
      if (spare.size() < queueSpans / requestSpans + 1) {
        spare.add(sent.spans);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Spans handed to the queue, dropped or not. */
  long kept() {
    return read(() -> kept);
  }

  /** Traces among the spans kept: their first span here. */
  long traces() {
    return read(() -> traces);
  }

  /** Spans dropped because the queue was full. */
  long dropped() {
    return read(() -> dropped);
  }

  private long read(LongSupplier field) {
    lock.lock();
    try {
      return field.getAsLong();
    } finally {
      lock.unlock();
    }
  }
}
