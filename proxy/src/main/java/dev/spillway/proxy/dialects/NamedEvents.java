package dev.spillway.proxy.dialects;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Where a translated stream writes: server-sent events with an {@code event:} name. Never blocks. */
public interface NamedEvents {
  /** Starts the response (status 200, event-stream headers) with these extra headers. */
  void open(Map<String, String> headers);

  void event(String name, JsonNode data);

  /** Ends the response after everything written so far. */
  void end();
}
