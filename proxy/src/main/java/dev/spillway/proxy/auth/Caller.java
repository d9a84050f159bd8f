package dev.spillway.proxy.auth;

import dev.spillway.config.ConsumerConfig;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;

/**
 * The consumer a call was authenticated as, attached to its exchange.
 *
 * @param keyId which of its keys ({@code secret/key}): shows who still uses a key being rotated out
 */
public record Caller(ConsumerConfig consumer, String keyId) {
  static final AttachmentKey<Caller> KEY = AttachmentKey.create(Caller.class);

  /** The caller of this exchange, or null when the call is anonymous (open mode). */
  public static Caller of(HttpServerExchange exchange) {
    return exchange.getAttachment(KEY);
  }

  public String name() {
    return consumer.name();
  }
}
