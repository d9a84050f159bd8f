package dev.spillway.proxy.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.config.ModelConfig;
import dev.spillway.proxy.config.RuntimeConfig;
import dev.spillway.proxy.config.Snapshot;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.PathTemplateMatch;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /v1/models} and {@code GET /v1/models/{id}}: the logical models in OpenAI's shapes (the
 * SDKs' {@code models.list} and {@code models.retrieve}), each with its {@code description}.
 */
public final class ModelsHandler {
  private final RuntimeConfig runtime;
  private final long startedAt;

  public ModelsHandler(RuntimeConfig runtime, Clock clock) {
    this.runtime = runtime;
    this.startedAt = clock.instant().getEpochSecond();
  }

  public HttpHandler list() {
    return exchange -> {
      ObjectNode body = Json.MAPPER.createObjectNode().put("object", "list");
      ArrayNode data = body.putArray("data");
      runtime.current().map(Snapshot::config).ifPresent(config -> config.models().values().forEach(model -> data.add(model(model))));
      Responses.json(exchange, 200, Map.of(), body);
    };
  }

  /** Routed with the path template {@code /v1/models/{id}}. */
  public HttpHandler retrieve() {
    return exchange -> {
      String id = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY).getParameters().get("id");
      Optional<ModelConfig> model = runtime.current().map(Snapshot::config).flatMap(config -> config.model(id));
      if (model.isPresent()) {
        Responses.json(exchange, 200, Map.of(), model(model.get()));
      } else {
        Responses.error(exchange,
            ApiError.of(404, "invalid_request_error", "model_not_found", "model", "The model '" + id + "' does not exist"));
      }
    };
  }

  private ObjectNode model(ModelConfig model) {
    ObjectNode entry = Json.MAPPER.createObjectNode()
        .put("id", model.name())
        .put("object", "model")
        .put("created", startedAt)
        .put("owned_by", "spillway");
    if (model.description() != null) {
      entry.put("description", model.description());
    }
    return entry;
  }
}
