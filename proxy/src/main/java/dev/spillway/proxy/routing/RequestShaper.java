package dev.spillway.proxy.routing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.config.DefaultsConfig;
import dev.spillway.proxy.passthrough.SplicedObject;

/**
 * The body one candidate receives: the client's request with {@code model} set to the target's
 * provider model id and the logical model's defaults filled in where the client set nothing.
 *
 * <p>The copy is shallow: only top-level fields are set here, and adapters must not mutate a call's
 * request ({@link dev.spillway.proxy.providers.ProviderCall}), so the nested values (messages,
 * tools: most of a request) are shared with the client's body instead of copied for every attempt.
 * Whoever changes a nested value of the shaped body must replace it with its own copy first.
 */
public final class RequestShaper {
  private RequestShaper() {}

  public static ObjectNode shape(ObjectNode request, Candidate candidate) {
    ObjectNode body = SplicedObject.shallowCopy(request);
    body.put("model", candidate.target().model());
    DefaultsConfig defaults = candidate.model().defaults();
    if (defaults == null) {
      return body;
    }
    if (defaults.temperature() != null && !body.has("temperature")) {
      body.put("temperature", defaults.temperature());
    }
    if (defaults.topP() != null && !body.has("top_p")) {
      body.put("top_p", defaults.topP());
    }
    if (defaults.maxTokens() != null && !body.has("max_tokens") && !body.has("max_completion_tokens")) {
      body.put("max_tokens", defaults.maxTokens());
    }
    if (defaults.stop() != null && !defaults.stop().isEmpty() && !body.has("stop")) {
      ArrayNode stop = body.putArray("stop");
      defaults.stop().forEach(stop::add);
    }
    return body;
  }
}
