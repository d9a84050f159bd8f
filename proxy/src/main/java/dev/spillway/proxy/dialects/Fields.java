package dev.spillway.proxy.dialects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.http.ApiError;
import java.util.function.Predicate;

/** Reading an inbound body's fields: a wrong type is a 400 naming the field, as the real APIs answer. */
public final class Fields {
  private Fields() {}

  /** A required non-empty string. */
  public static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw ApiError.invalidRequest(field, "'" + field + "' must be a non-empty string");
    }
    return value.asText();
  }

  /** The field when present (null is absent), after checking its type. */
  public static JsonNode optional(JsonNode body, String field, Predicate<JsonNode> ok, String what) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!ok.test(value)) {
      throw ApiError.invalidRequest(field, "'" + field + "' must be " + what);
    }
    return value;
  }

  /** Copies {@code from.field} to {@code to.as} when present, after checking its type. */
  public static void copy(ObjectNode from, String field, ObjectNode to, String as, Predicate<JsonNode> ok, String what) {
    JsonNode value = optional(from, field, ok, what);
    if (value != null) {
      to.set(as, value);
    }
  }

  /** A 400 for a value Spillway cannot carry, naming it and saying why. */
  public static ApiError unsupported(String param, String message) {
    return ApiError.invalidRequest(param, message);
  }
}
