package dev.spillway.proxy.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.http.Redaction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns Anthropic's errors ({@code {"type":"error","error":{"type","message"}}}, as an HTTP body or
 * a stream event) into {@link ProviderFailure}s whose client error is OpenAI-shaped and scrubbed.
 */
final class AnthropicErrors {
  static final String INVALID_REQUEST = "invalid_request_error";

  /** Anthropic's documented error types and the status each one comes with. */
  private static final Map<String, Integer> STATUS_BY_TYPE =
      Map.of(
          INVALID_REQUEST, 400,
          "authentication_error", 401,
          "billing_error", 402,
          "permission_error", 403,
          "not_found_error", 404,
          "request_too_large", 413,
          "rate_limit_error", 429,
          "api_error", 500,
          "timeout_error", 504,
          "overloaded_error", 529);

  /** The wordings Anthropic uses when the prompt plus max_tokens do not fit the context window. */
  private static final Pattern CONTEXT_TOO_LONG =
      Pattern.compile(
          "prompt is too long|exceeds? (the )?context limit|max_tokens.*>.*context|context window");

  /** Upstream text longer than this is cut: an HTML error page is no use to a client. */
  private static final int MAX_MESSAGE_CHARS = 500;

  private final ObjectMapper mapper;

  AnthropicErrors(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** A non-2xx answer; the body may be anything, including not JSON at all. */
  ProviderFailure fromHttp(int status, byte[] body, Duration retryAfter, String apiKey) {
    JsonNode error = parseError(body);
    String type = error.path("type").asText(typeOf(status));
    String message =
        error.path("message").isTextual()
            ? error.path("message").asText()
            : "anthropic answered http " + status + ": " + new String(body, StandardCharsets.UTF_8);
    return failure(status, type, message, retryAfter, apiKey);
  }

  /** An {@code error} event inside a 200 stream: the status comes from the error type. */
  ProviderFailure fromEvent(JsonNode event, String apiKey) {
    JsonNode error = event.path("error");
    String type = error.path("type").asText("api_error");
    String message = error.path("message").asText("anthropic sent an error event");
    return failure(STATUS_BY_TYPE.getOrDefault(type, 500), type, message, null, apiKey);
  }

  /** The request cannot be expressed in the Messages API: terminal, like Anthropic's own 400. */
  ProviderFailure invalidRequest(String message) {
    return failure(400, INVALID_REQUEST, message, null, null);
  }

  private ProviderFailure failure(
      int status, String type, String rawMessage, Duration retryAfter, String apiKey) {
    // Scrub before cutting, so a cut cannot leave a fragment of the key the scrubber misses.
    String message = truncate(Redaction.scrub(rawMessage, apiKey));
    boolean contextLength =
        status == 400 && CONTEXT_TOO_LONG.matcher(message.toLowerCase(Locale.ROOT)).find();
    ObjectNode clientError = mapper.createObjectNode();
    clientError
        .putObject("error")
        .put("message", message)
        .put("type", type)
        .put("code", contextLength ? "context_length_exceeded" : type);
    return new ProviderFailure(
        ProviderFailure.Kind.HTTP, "http " + status, status, retryAfter, contextLength, clientError);
  }

  private JsonNode parseError(byte[] body) {
    try {
      return mapper.readTree(body).path("error");
    } catch (IOException | RuntimeException notJson) {
      return mapper.missingNode();
    }
  }

  private static String typeOf(int status) {
    return STATUS_BY_TYPE.entrySet().stream()
        .filter(e -> e.getValue() == status)
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(status >= 500 ? "api_error" : INVALID_REQUEST);
  }

  private static String truncate(String text) {
    return text.length() <= MAX_MESSAGE_CHARS ? text : text.substring(0, MAX_MESSAGE_CHARS) + "…";
  }
}
