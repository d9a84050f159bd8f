package dev.spillway.proxy.providers.bedrock;

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
 * Turns Bedrock's errors — an HTTP status with the {@code x-amzn-ErrorType} header and a
 * {@code {"message"}} body, or an exception frame inside a stream — into {@link ProviderFailure}s
 * with an OpenAI-shaped, scrubbed client error. Throttling is retryable (429), a
 * {@code ValidationException} terminal (400), by the status each one carries.
 */
final class BedrockErrors {
  /** The status of each exception, for exception frames inside a 200 stream (they carry none). */
  private static final Map<String, Integer> STATUS_BY_TYPE = Map.of(
      "validationexception", 400,
      "accessdeniedexception", 403,
      "resourcenotfoundexception", 404,
      "modeltimeoutexception", 408,
      "throttlingexception", 429,
      "servicequotaexceededexception", 429,
      "modelnotreadyexception", 429,
      "modelstreamerrorexception", 500,
      "internalserverexception", 500,
      "serviceunavailableexception", 503);
  /** Bedrock's wordings when the prompt does not fit the model's context. */
  private static final Pattern CONTEXT_TOO_LONG =
      Pattern.compile("too long|too many (input )?tokens|context (length|window|limit)");
  private static final int MAX_MESSAGE_CHARS = 500;

  private final ObjectMapper mapper;

  BedrockErrors(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * @param errorType the {@code x-amzn-ErrorType} header, e.g. {@code ValidationException:http://…}, or null
   */
  ProviderFailure fromHttp(int status, String errorType, byte[] body, Duration retryAfter, String secret) {
    JsonNode json = parse(body);
    String type = errorType != null ? errorType : json.path("__type").asText("");
    String message = json.path("message").isTextual() ? json.get("message").asText()
        : json.path("Message").isTextual() ? json.get("Message").asText()
            : "bedrock answered http " + status + ": " + new String(body, StandardCharsets.UTF_8);
    return failure(status, shortType(type, status), message, retryAfter, secret);
  }

  /** An exception frame ({@code :exception-type} header) inside a stream. */
  ProviderFailure fromStreamException(String exceptionType, JsonNode payload, String secret) {
    String type = shortType(exceptionType, 500);
    int status = STATUS_BY_TYPE.getOrDefault(type.toLowerCase(Locale.ROOT), 500);
    return failure(status, type, payload.path("message").asText("bedrock sent " + exceptionType), null, secret);
  }

  /** The request cannot be expressed in Converse: terminal, like Bedrock's own ValidationException. */
  ProviderFailure invalidRequest(String message) {
    return failure(400, "ValidationException", message, null, null);
  }

  private ProviderFailure failure(int status, String type, String rawMessage, Duration retryAfter, String secret) {
    String message = Redaction.scrub(rawMessage, secret);
    if (message.length() > MAX_MESSAGE_CHARS) {
      message = message.substring(0, MAX_MESSAGE_CHARS) + "…";
    }
    boolean contextLength = status == 400 && CONTEXT_TOO_LONG.matcher(message.toLowerCase(Locale.ROOT)).find();
    ObjectNode clientError = mapper.createObjectNode();
    clientError.putObject("error")
        .put("message", message)
        .put("type", status >= 500 ? "server_error" : "invalid_request_error")
        .putNull("param")
        .put("code", contextLength ? "context_length_exceeded" : type);
    return new ProviderFailure(ProviderFailure.Kind.HTTP, "http " + status, status, retryAfter, contextLength, clientError);
  }

  /** {@code ValidationException:http://…} or {@code com.amazon…#ValidationException} → {@code ValidationException}. */
  private static String shortType(String type, int status) {
    String bare = type == null ? "" : type;
    int colon = bare.indexOf(':');
    bare = colon >= 0 ? bare.substring(0, colon) : bare;
    bare = bare.substring(bare.lastIndexOf('#') + 1);
    if (bare.isEmpty()) {
      return status >= 500 ? "InternalServerException" : "ValidationException";
    }
    return Character.toUpperCase(bare.charAt(0)) + bare.substring(1);
  }

  private JsonNode parse(byte[] body) {
    try {
      JsonNode tree = mapper.readTree(body);
      return tree == null ? mapper.missingNode() : tree;
    } catch (IOException | RuntimeException notJson) {
      return mapper.missingNode();
    }
  }
}
