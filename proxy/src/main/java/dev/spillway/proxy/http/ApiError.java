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

  /** @param code null for the status's generic code: every error a client sees has one */
  public static ApiError of(int status, String type, String code, String param, String message) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    ObjectNode error = body.putObject("error");
    error.put("message", message);
    error.put("type", type);
    error.put("param", param);
    error.put("code", code != null ? code : codeOf(status));
    return new ApiError(status, body, null);
  }

  public static ApiError invalidRequest(String param, String message) {
    return of(400, "invalid_request_error", null, param, message);
  }

  /** A provider's own error body, passed through with its status (given the status's code if it has none). */
  public static ApiError passthrough(int status, ObjectNode body) {
    if (body.path("error") instanceof ObjectNode error && !error.path("code").isTextual()) {
      error.put("code", codeOf(status));
    }
    return new ApiError(status, body, null);
  }

  /** The generic code of a status, for errors with no more precise one. */
  static String codeOf(int status) {
    return switch (status) {
      case 400 -> "invalid_request";
      case 401 -> "invalid_api_key";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 408 -> "request_timeout";
      case 409 -> "conflict";
      case 413 -> "request_too_large";
      case 422 -> "unprocessable_request";
      case 429 -> "rate_limit_exceeded";
      case 502 -> "bad_gateway";
      case 503 -> "service_unavailable";
      case 504 -> "upstream_timeout";
      default -> status >= 500 ? "server_error" : "invalid_request";
    };
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
