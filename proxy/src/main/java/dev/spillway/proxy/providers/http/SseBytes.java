package dev.spillway.proxy.providers.http;

import java.nio.ByteBuffer;
import java.util.function.BiConsumer;

/** A stream's bytes to events, within the limits: both transports decode SSE with this one class. */
final class SseBytes {
  private final SseParser parser;
  private final LineSplitter lines;

  /** @param onEvent gets each event's {@code event:} field (or null) and its data's bytes */
  SseBytes(UpstreamLimits limits, BiConsumer<String, byte[]> onEvent) {
    this.parser = new SseParser(limits.maxEventBytes(), onEvent);
    this.lines = new LineSplitter(limits.maxEventBytes(), parser::line);
  }

  /** @throws dev.spillway.proxy.providers.ProviderFailure when a line or an event is over the limit */
  void accept(ByteBuffer bytes) {
    lines.accept(bytes);
  }

  /** The body ended: a last line without a terminator, and an event without its blank line, still count. */
  void end() {
    lines.end();
    parser.end();
  }
}
