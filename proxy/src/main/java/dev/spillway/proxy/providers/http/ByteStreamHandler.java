package dev.spillway.proxy.providers.http;

import dev.spillway.proxy.providers.ProviderFailure;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;

/**
 * Receives one streamed binary body (an AWS event stream) as it arrives. Exactly one of
 * {@code onEnd}, {@code onHttpError} or {@code onFailure} ends it; callbacks never run
 * concurrently.
 */
public interface ByteStreamHandler {
  /** The stream started (2xx); called once, before any bytes. */
  default void onOpen(HttpHeaders headers) {}

  /** The next bytes of a 2xx body; the buffer is only valid during the call. */
  void onBytes(ByteBuffer bytes);

  /** The upstream closed the stream (cleanly or not: the handler knows if it saw its end). */
  void onEnd();

  /** The upstream answered a non-2xx status; body is the whole error body. */
  void onHttpError(int status, HttpHeaders headers, byte[] body);

  /** Connect failure, timeout, or a broken connection. */
  void onFailure(ProviderFailure failure);
}
