package dev.spillway.proxy.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.auth.Caller;
import dev.spillway.proxy.config.RuntimeConfig;
import dev.spillway.proxy.config.Snapshot;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.time.Clock;
import java.util.Map;

/** {@code GET /v1/models}: the logical model names the caller may use, in OpenAI's list shape. */
public final class ModelsHandler implements HttpHandler {
  private final RuntimeConfig runtime;
  private final long startedAt;

  public ModelsHandler(RuntimeConfig runtime, Clock clock) {
    this.runtime = runtime;
    this.startedAt = clock.instant().getEpochSecond();
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    ObjectNode body = Json.MAPPER.createObjectNode().put("object", "list");
    ArrayNode data = body.putArray("data");
    Caller caller = Caller.of(exchange);
    runtime.current().map(Snapshot::config).ifPresent(config ->
        config.models().keySet().stream()
            .filter(name -> caller == null || caller.consumer().mayUseModel(name))
            .forEach(name -> data.addObject()
                .put("id", name)
                .put("object", "model")
                .put("created", startedAt)
                .put("owned_by", "spillway")));
    Responses.json(exchange, 200, Map.of(), body);
  }
}
