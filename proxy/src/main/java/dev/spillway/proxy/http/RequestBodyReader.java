package dev.spillway.proxy.http;

import dev.spillway.proxy.bounds.ProgressWatch;
import dev.spillway.proxy.passthrough.StringSpans;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.xnio.XnioExecutor;
import org.xnio.channels.StreamSourceChannel;

/**
 * Reads the request body without blocking, straight from the request channel into one array
 * ({@link BodyBytes}), and hands the bytes to {@code next} as the {@link #BODY} attachment (and,
 * for a body it had to wait for, where its long strings lie, scanned while it waited: {@link #SPANS}). Bounded: a body over the limit gets 413 (first by Content-Length, then by the bytes
 * actually received: chunked bodies have no length, and a length beyond a long too), and a body that stops arriving for the idle limit 408 — each closing the connection, whose
 * unread rest cannot serve another request.
 */
public final class RequestBodyReader implements HttpHandler {
  public static final AttachmentKey<byte[]> BODY = AttachmentKey.create(byte[].class);
  /** Where the body's long strings lie, when the reader waited for the body and scanned it meanwhile ({@link BodyBytes#scanAhead}). */
  public static final AttachmentKey<StringSpans> SPANS = AttachmentKey.create(StringSpans.class);

  private final long maxBytes;
  private final long idleMs;
  private final HttpHandler next;

  /**
   * @param maxBytes the largest body accepted
   * @param idleMs the longest a body may send nothing
   */
  public RequestBodyReader(long maxBytes, long idleMs, HttpHandler next) {
    this.maxBytes = maxBytes;
    this.idleMs = idleMs;
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    long declared = declaredLength(exchange);
    if (declared > maxBytes) {
      refuse(exchange, tooLarge());
      return;
    }
    BodyBytes body = new BodyBytes(declared);
    StreamSourceChannel channel = exchange.getRequestChannel();
    ProgressWatch watch = new ProgressWatch(idleMs, (task, delayNanos) -> {
      XnioExecutor.Key key = exchange.getIoThread().executeAfter(task, delayNanos, TimeUnit.NANOSECONDS);
      return key::remove;
    }, () -> stalled(exchange, channel));
    channel.getReadSetter().set(ready -> read(exchange, ready, body, watch));
    // Armed only when the body did not arrive with the headers (the usual case costs no timer).
    // Reads and the timer run on this exchange's IO thread, one at a time.
    if (read(exchange, channel, body, watch)) {
      watch.start();
    }
  }

  /**
   * Reads what has arrived straight into the body's array (each network read copied once, where
   * Undertow's receiver copies it into an array of its own first).
   *
   * @return whether the body is still arriving (reads resumed)
   */
  private boolean read(HttpServerExchange exchange, StreamSourceChannel channel, BodyBytes body, ProgressWatch watch) {
    try {
      while (true) {
        // One byte past the limit at most: enough to know the body is over it.
        int read = body.readFrom(channel, (int) Math.min(Integer.MAX_VALUE, maxBytes + 1 - body.size()));
        if (read == 0) {
          if (body.scanAhead()) {
            exchange.putAttachment(SPANS, body.spans()); // the same object as it fills
            continue; // a slice of what is in was scanned while nothing came: read again first
          }
          channel.resumeReads();
          return true;
        }
        if (read < 0) {
          finished(channel, watch);
          body.finishScan();
          exchange.putAttachment(BODY, body.whole());
          GuardedCall.run(next, exchange);
          return false;
        }
        watch.progressed();
        body.filled(read);
        if (body.size() > maxBytes) {
          finished(channel, watch);
          refuse(exchange, tooLarge());
          return false;
        }
      }
    } catch (IOException e) {
      finished(channel, watch);
      refuse(exchange, ApiError.of(400, "invalid_request_error", "unreadable_body", null,
          "could not read the request body"));
      return false;
    }
  }

  private static void finished(StreamSourceChannel channel, ProgressWatch watch) {
    watch.stop();
    channel.getReadSetter().set(null);
    channel.suspendReads();
  }

  /**
   * The declared length, -1 when none. Read here rather than with Undertow's getter, which throws
   * NumberFormatException (an empty 500 and a stack trace per request) for a value like 2^64.
   * Undertow itself answers 400 to a value that is not digits.
   */
  private static long declaredLength(HttpServerExchange exchange) {
    String value = exchange.getRequestHeaders().getFirst(Headers.CONTENT_LENGTH);
    if (value == null) {
      return -1;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException beyondALong) {
      return Long.MAX_VALUE; // over every limit: 413
    }
  }

  private void stalled(HttpServerExchange exchange, StreamSourceChannel channel) {
    if (!exchange.isResponseStarted()) {
      channel.getReadSetter().set(null);
      channel.suspendReads();
      refuse(exchange, ApiError.of(408, "invalid_request_error", "request_timeout", null,
          "the request body sent nothing for " + idleMs + " ms"));
    }
  }

  private ApiError tooLarge() {
    return ApiError.of(413, "invalid_request_error", "request_too_large", null,
        "request body is larger than " + maxBytes + " bytes");
  }

  private static void refuse(HttpServerExchange exchange, ApiError error) {
    exchange.setPersistent(false);
    Responses.error(exchange, error);
  }
}
