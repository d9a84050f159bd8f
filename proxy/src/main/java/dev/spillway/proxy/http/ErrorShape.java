package dev.spillway.proxy.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;

/**
 * The error body an endpoint's clients parse. Declared per endpoint in the server's route table, so
 * errors raised before the endpoint's own code (authentication, consumer checks) answer in the
 * shape its SDK understands: OpenAI's {@code {"error":{"message","type","param","code"}}} or
 * Anthropic's {@code {"type":"error","error":{"type","message"}}}.
 */
public enum ErrorShape {
  OPENAI,
  ANTHROPIC;

  private static final AttachmentKey<ErrorShape> KEY = AttachmentKey.create(ErrorShape.class);

  /** The shape declared for this exchange's endpoint; OpenAI's when none was. */
  public static ErrorShape of(HttpServerExchange exchange) {
    ErrorShape shape = exchange.getAttachment(KEY);
    return shape != null ? shape : OPENAI;
  }

  /** Declares this shape for every request {@code next} handles. */
  public HttpHandler declare(HttpHandler next) {
    return exchange -> {
      exchange.putAttachment(KEY, this);
      next.handleRequest(exchange);
    };
  }

  /**
   * @param type OpenAI's error type; Anthropic's is derived from the status
   * @param code OpenAI's machine-readable code (Anthropic bodies have none)
   */
  public ApiError error(int status, String type, String code, String message) {
    if (this == OPENAI) {
      return ApiError.of(status, type, code, null, message);
    }
    ObjectNode body = Json.MAPPER.createObjectNode().put("type", "error");
    body.putObject("error").put("type", anthropicType(status)).put("message", message);
    return ApiError.passthrough(status, body);
  }

  /** Anthropic's documented error types by status. */
  private static String anthropicType(int status) {
    return switch (status) {
      case 401 -> "authentication_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 413 -> "request_too_large";
      case 429 -> "rate_limit_error";
      case 529 -> "overloaded_error";
      default -> status >= 500 ? "api_error" : "invalid_request_error";
    };
  }
}
