package dev.spillway.proxy.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.config.RuntimeConfig;
import io.undertow.server.HttpHandler;
import java.util.Map;

/** Liveness (the server answers) and readiness (a config is loaded) probes. */
public final class ProbeHandlers {
  private ProbeHandlers() {}

  public static HttpHandler health() {
    return exchange -> Responses.json(exchange, 200, Map.of(), status("ok"));
  }

  public static HttpHandler ready(RuntimeConfig runtime) {
    return exchange -> {
      if (runtime.current().isPresent()) {
        ObjectNode body = status("ready");
        body.put("configVersion", runtime.current().get().config().version());
        Responses.json(exchange, 200, Map.of(), body);
      } else {
        Responses.json(exchange, 503, Map.of(), status("no config loaded"));
      }
    };
  }

  private static ObjectNode status(String status) {
    return Json.MAPPER.createObjectNode().put("status", status);
  }
}
