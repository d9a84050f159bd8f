package dev.spillway.proxy.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.http.Redaction;
import dev.spillway.proxy.secrets.Scrubber;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;

/**
 * Turns an OpenAI-style error (an HTTP error body or an {@code {"error":…}} stream event) into a
 * {@link ProviderFailure}, with any echo of the API key scrubbed from what the client may see.
 */
public final class OpenAiErrors {
  /** Azure OpenAI's and OpenAI's codes for a prompt or answer their filters refused. */
  private static final Set<String> CONTENT_POLICY_CODES = Set.of("content_filter", "content_policy_violation");

  private final ObjectMapper mapper;

  public OpenAiErrors(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** A non-2xx answer. */
  public ProviderFailure fromHttp(int status, Duration retryAfter, byte[] body, String apiKey) {
    ObjectNode error = errorObject(parse(body), status, apiKey);
    if (CONTENT_POLICY_CODES.contains(error.path("code").asText())) {
      return ProviderFailure.contentPolicy(status, wrap(error));
    }
    return new ProviderFailure(
        ProviderFailure.Kind.HTTP,
        "http " + status,
        status,
        retryAfter,
        mentionsContextLength(error),
        wrap(error));
  }

  /** An error event inside a 2xx stream: no status of its own, so it counts as a server error. */
  ProviderFailure fromStreamEvent(JsonNode event, String apiKey) {
    ObjectNode error = errorObject(event, 0, apiKey);
    String code = error.path("code").asText(error.path("type").asText("error"));
    return new ProviderFailure(
        ProviderFailure.Kind.HTTP,
        "stream error: " + code,
        0,
        null,
        mentionsContextLength(error),
        wrap(error));
  }

  private JsonNode parse(byte[] body) {
    try {
      return body == null || body.length == 0 ? null : mapper.readTree(body);
    } catch (IOException notJson) {
      return null;
    }
  }

  /** The provider's error object scrubbed, or one synthesized when it sent none we can read. */
  private ObjectNode errorObject(JsonNode body, int status, String apiKey) {
    JsonNode error = body == null ? null : body.get("error");
    ObjectNode result = mapper.createObjectNode();
    if (error != null && error.isObject()) {
      result.setAll((ObjectNode) error.deepCopy());
      // Every position: values, array elements, field names (the body is already scrubbed of
      // every known key in a server; this covers the attempt's key everywhere else).
      Scrubber.of(Collections.singleton(apiKey)).scrub(result);
    } else if (error != null && error.isTextual()) {
      // Some OpenAI-compatible servers send {"error": "text"}.
      result.put("message", Redaction.scrub(error.asText(), apiKey));
    }
    if (!result.hasNonNull("message")) {
      result.put("message", "upstream answered " + (status > 0 ? "http " + status : "an error"));
    }
    if (!result.has("type")) {
      result.put("type", status >= 400 && status < 500 ? "invalid_request_error" : "upstream_error");
    }
    if (!result.has("param")) {
      result.putNull("param");
    }
    if (!result.has("code")) {
      result.putNull("code");
    }
    return result;
  }

  private static boolean mentionsContextLength(ObjectNode error) {
    return "context_length_exceeded".equals(error.path("code").asText())
        || error.path("message").asText().toLowerCase(Locale.ROOT).contains("maximum context length");
  }

  private ObjectNode wrap(ObjectNode error) {
    ObjectNode wrapper = mapper.createObjectNode();
    wrapper.set("error", error);
    return wrapper;
  }
}
