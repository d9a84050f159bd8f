package dev.spillway.proxy.providers.http;

import dev.spillway.proxy.providers.ProviderFailure;
import java.net.http.HttpHeaders;

/**
 * Receives one Server-Sent-Events call. Exactly one of {@code onEnd}, {@code onHttpError} or
 * {@code onFailure} ends it; callbacks never run concurrently.
 */
public interface SseHandler {
  /** The stream started (2xx); called once, before any event. */
  default void onOpen(HttpHeaders headers) {}

  /**
   * One event.
   *
   * @param event the {@code event:} field, or null when absent
   * @param data the {@code data:} lines joined by newlines, as the UTF-8 bytes the upstream sent
   *     (bytes, not text: a chunk relayed unchanged is never decoded and encoded back); the
   *     handler's to keep
   */
  void onEvent(String event, byte[] data);

  /** The upstream closed the stream (cleanly or not: the handler knows if it saw its end marker). */
  void onEnd();

  /** The upstream answered a non-2xx status; body is the whole error body. */
  void onHttpError(int status, HttpHeaders headers, byte[] body);

  /** Connect failure, timeout, or a broken connection. */
  void onFailure(ProviderFailure failure);
}
