package dev.spillway.proxy.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.proxy.providers.ChatChunk;
import java.util.Map;

/** The client's side of a stream: where a {@link StreamCall} writes. Calls never block. */
public interface ClientStream {
  /** Starts the response (status 200, event-stream headers) with these extra headers. */
  void open(Map<String, String> headers);

  /** One {@code data:} event carrying this JSON. */
  void event(JsonNode data);

  /**
   * One chat chunk. A client of the chat-completions format gets the chunk's own bytes; the
   * translating dialects override nothing and get its tree.
   */
  default void event(ChatChunk chunk) {
    event(chunk.tree());
  }

  /** {@code data: [DONE]}, then the end of the response. */
  void done();

  /** Ends the response after everything written so far. */
  void end();
}
