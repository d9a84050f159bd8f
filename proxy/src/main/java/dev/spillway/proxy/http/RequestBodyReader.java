package dev.spillway.proxy.http;

import dev.spillway.proxy.bounds.ProgressWatch;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import java.util.concurrent.TimeUnit;
import org.xnio.XnioExecutor;

/**
 * Reads the request body without blocking and hands the bytes to {@code next} as the {@link #BODY}
 * attachment. Bounded: a body over the limit gets 413 (first by Content-Length, then by the bytes
 * actually received: chunked bodies have no length, and a length beyond a long too), and a body that stops arriving for the idle limit 408 — each closing the connection, whose
 * unread rest cannot serve another request.
 */
public final class RequestBodyReader implements HttpHandler {
  public static final AttachmentKey<byte[]> BODY = AttachmentKey.create(byte[].class);

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
    ProgressWatch watch = new ProgressWatch(idleMs, (task, delayNanos) -> {
      XnioExecutor.Key key = exchange.getIoThread().executeAfter(task, delayNanos, TimeUnit.NANOSECONDS);
      return key::remove;
    }, () -> stalled(exchange));
    exchange
        .getRequestReceiver()
        .receivePartialBytes(
            (ex, chunk, last) -> {
              watch.progressed();
              if (body.size() + (long) chunk.length > maxBytes) {
                watch.stop();
                ex.getRequestReceiver().pause();
                refuse(ex, tooLarge());
                return;
              }
              body.add(chunk);
              if (last) {
                watch.stop();
                ex.putAttachment(BODY, body.whole());
                GuardedCall.run(next, ex);
              }
            },
            (ex, error) -> {
              watch.stop();
              refuse(ex, ApiError.of(400, "invalid_request_error", "unreadable_body", null,
                  "could not read the request body"));
            });
    // Armed only when the body did not arrive with the headers (the usual case costs no timer).
    // Callbacks and the timer run on this exchange's IO thread, one at a time.
    if (exchange.getAttachment(BODY) == null && !exchange.isResponseStarted()) {
      watch.start();
    }
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

  private void stalled(HttpServerExchange exchange) {
    if (!exchange.isResponseStarted()) {
      exchange.getRequestReceiver().pause();
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
