package dev.spillway.proxy.dialects.messages;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.dialects.Dialect;
import dev.spillway.proxy.dialects.NamedEvents;
import dev.spillway.proxy.streaming.ClientStream;

/**
 * Anthropic's Messages API ({@code POST /v1/messages}) over chat completions. The
 * {@code anthropic-version} and {@code x-api-key} headers its clients send are accepted; errors
 * take Anthropic's shape ({@link AnthropicShapes#error}).
 */
public final class MessagesDialect implements Dialect {
  @Override
  public ObjectNode toChat(ObjectNode request) {
    return MessagesRequest.toChat(request);
  }

  @Override
  public ObjectNode fromCompletion(ObjectNode completion, ObjectNode request) {
    return MessagesResponse.from(completion);
  }

  @Override
  public ClientStream stream(NamedEvents events, ObjectNode request) {
    return new MessagesStream(events);
  }
}
