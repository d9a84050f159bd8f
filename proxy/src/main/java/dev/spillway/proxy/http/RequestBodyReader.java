package dev.spillway.proxy.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.io.ByteArrayOutputStream;

/**
 * Reads the request body without blocking, refusing bodies over the limit with 413 — first by
 * Content-Length, then by the bytes actually received (chunked bodies have no length) — and hands
 * the bytes to {@code next} as the {@link #BODY} attachment.
 */
public final class RequestBodyReader implements HttpHandler {
  public static final AttachmentKey<byte[]> BODY = AttachmentKey.create(byte[].class);

  private final long maxBytes;
  private final HttpHandler next;

  public RequestBodyReader(long maxBytes, HttpHandler next) {
    this.maxBytes = maxBytes;
    this.next = next;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    if (exchange.getRequestContentLength() > maxBytes) {
      tooLarge(exchange);
      return;
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    exchange
        .getRequestReceiver()
        .receivePartialBytes(
            (ex, chunk, last) -> {
              if (body.size() + (long) chunk.length > maxBytes) {
                ex.getRequestReceiver().pause();
                tooLarge(ex);
                return;
              }
              body.writeBytes(chunk);
              if (last) {
                ex.putAttachment(BODY, body.toByteArray());
                GuardedCall.run(next, ex);
              }
            },
            (ex, error) -> Responses.error(ex, ApiError.invalidRequest(null, "could not read the request body")));
  }

  private void tooLarge(HttpServerExchange exchange) {
    // The rest of an oversized body is never read, so this connection cannot serve another request.
    exchange.setPersistent(false);
    Responses.error(
        exchange,
        ApiError.of(
            413,
            "invalid_request_error",
            "request_too_large",
            null,
            "request body is larger than " + maxBytes + " bytes"));
  }
}
