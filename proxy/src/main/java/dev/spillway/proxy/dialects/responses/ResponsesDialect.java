package dev.spillway.proxy.dialects.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.dialects.Dialect;
import dev.spillway.proxy.dialects.NamedEvents;
import dev.spillway.proxy.streaming.ClientStream;

/** OpenAI's Responses API ({@code POST /v1/responses}) over chat completions, stateless. */
public final class ResponsesDialect implements Dialect {
  @Override
  public ObjectNode toChat(ObjectNode request) {
    return ResponsesRequest.toChat(request);
  }

  @Override
  public ObjectNode fromCompletion(ObjectNode completion, ObjectNode request) {
    return ResponsesResponse.from(completion, request, ResponsesResponse.newId());
  }

  @Override
  public ClientStream stream(NamedEvents events, ObjectNode request) {
    return new ResponsesStream(events, request);
  }
}
