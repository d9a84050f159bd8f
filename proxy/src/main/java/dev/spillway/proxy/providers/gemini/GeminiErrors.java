package dev.spillway.proxy.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.http.Redaction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns Google API errors ({@code {"error":{"code","message","status"}}}, from the Gemini API and
 * Vertex AI alike) into {@link ProviderFailure}s whose client error is OpenAI-shaped and scrubbed.
 */
public final class GeminiErrors {
  /** Gemini's wording when the prompt does not fit: "The input token count (…) exceeds the maximum…". */
  private static final Pattern CONTEXT_TOO_LONG =
      Pattern.compile("input token count.*exceeds|exceeds the maximum number of tokens");
  private static final int MAX_MESSAGE_CHARS = 500;

  private final ObjectMapper mapper;

  public GeminiErrors(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** A non-2xx answer; the body may be anything, including not JSON at all. */
  public ProviderFailure fromHttp(int status, byte[] body, Duration retryAfter, String secret) {
    JsonNode error = parse(body);
    String message = error.path("message").isTextual()
        ? error.get("message").asText()
        : "google answered http " + status + ": " + new String(body, StandardCharsets.UTF_8);
    message = Redaction.scrub(message, secret);
    if (message.length() > MAX_MESSAGE_CHARS) {
      message = message.substring(0, MAX_MESSAGE_CHARS) + "…";
    }
    String googleStatus = error.path("status").asText(status >= 500 ? "INTERNAL" : "INVALID_ARGUMENT");
    boolean contextLength = status == 400 && CONTEXT_TOO_LONG.matcher(message.toLowerCase(Locale.ROOT)).find();
    ObjectNode clientError = mapper.createObjectNode();
    clientError
        .putObject("error")
        .put("message", message)
        .put("type", status >= 500 ? "server_error" : "invalid_request_error")
        .putNull("param")
        .put("code", contextLength ? "context_length_exceeded" : googleStatus.toLowerCase(Locale.ROOT));
    return new ProviderFailure(
        ProviderFailure.Kind.HTTP, "http " + status, status, retryAfter, contextLength, clientError);
  }

  /** The request cannot be expressed in Gemini's API: terminal, like Gemini's own 400. */
  public ProviderFailure invalidRequest(String message) {
    byte[] body = mapper.createObjectNode().set("error", mapper.createObjectNode().put("message", message)
        .put("status", "INVALID_ARGUMENT")).toString().getBytes(StandardCharsets.UTF_8);
    return fromHttp(400, body, null, null);
  }

  private JsonNode parse(byte[] body) {
    try {
      JsonNode tree = mapper.readTree(body);
      // A streamed error may come as a one-element array of error objects.
      return (tree.isArray() ? tree.path(0) : tree).path("error");
    } catch (IOException | RuntimeException notJson) {
      return mapper.missingNode();
    }
  }
}
