package dev.spillway.proxy.dialects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.streaming.ClientStream;

/** One inbound API translated onto chat completions, both ways. */
public interface Dialect {

  /**
   * The internal chat-completions body for this request.
   *
   * @throws dev.spillway.proxy.http.ApiError a 400 naming the field when the request cannot be
   *     expressed
   */
  ObjectNode toChat(ObjectNode request);

  /** The client's answer, from the served {@code chat.completion}. */
  ObjectNode fromCompletion(ObjectNode completion, ObjectNode request);

  /**
   * The client's side of a stream: receives {@code chat.completion.chunk} objects (and, after a
   * committed stream failed, one {@code {"error":…}} event) and writes the dialect's typed events.
   */
  ClientStream stream(NamedEvents events, ObjectNode request);
}
