package dev.spillway.proxy.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * An error answer in the OpenAI shape {@code {"error":{"message","type","param","code"}}}. Thrown
 * by parsing and routing to end a request early, or built by failover when nothing could serve.
 *
 * <p>No stack trace: these are answers to clients, not bugs.
 */
public final class ApiError extends RuntimeException {
  private final int status;
  private final ObjectNode body;
  private final Duration retryAfter;

  private ApiError(int status, ObjectNode body, Duration retryAfter) {
    super(body.path("error").path("message").asText(), null, false, false);
    this.status = status;
    this.body = body;
    this.retryAfter = retryAfter;
  }

  public static ApiError of(int status, String type, String code, String param, String message) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    ObjectNode error = body.putObject("error");
    error.put("message", message);
    error.put("type", type);
    error.put("param", param);
    error.put("code", code);
    return new ApiError(status, body, null);
  }

  public static ApiError invalidRequest(String param, String message) {
    return of(400, "invalid_request_error", null, param, message);
  }

  /** A provider's own error body, passed through with its status. */
  public static ApiError passthrough(int status, ObjectNode body) {
    return new ApiError(status, body, null);
  }

  /** The same error, telling the client when to come back. */
  public ApiError retryAfter(Duration wait) {
    return new ApiError(status, body, wait);
  }

  public int status() {
    return status;
  }

  /** The whole body; callers may add fields to {@code error} before it is sent. */
  public ObjectNode body() {
    return body;
  }

  public ObjectNode error() {
    return (ObjectNode) body.get("error");
  }

  /** null when the client need not wait. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
