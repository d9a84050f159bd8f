package dev.spillway.proxy.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.http.ApiError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fallbacks a request names for itself, and how they combine with its policy's route: the body's
 * {@code fallbacks} and {@code routing_mode}, or the {@code x-spillway-fallbacks} (comma-separated)
 * and {@code x-spillway-routing-mode} headers, which win. Whether the policy allows them is the
 * planner's to judge ({@link CallerFallbacks}).
 *
 * @param fallbacks logical model names, in order; empty when the request names none
 */
public record CallerRoute(List<String> fallbacks, RoutingMode mode) {
  public static final String FALLBACKS_HEADER = "x-spillway-fallbacks";
  public static final String MODE_HEADER = "x-spillway-routing-mode";
  static final String FALLBACKS_FIELD = "fallbacks";
  static final String MODE_FIELD = "routing_mode";
  /** Enough for any real chain; a bound keeps one request from planning thousands of models. */
  static final int MAX_FALLBACKS = 8;

  public static final CallerRoute NONE = new CallerRoute(List.of(), RoutingMode.FALLBACK);

  public CallerRoute {
    fallbacks = List.copyOf(fallbacks);
  }

  public boolean named() {
    return !fallbacks.isEmpty();
  }

  /**
   * Reads the request's own route and removes its fields from the body: they are for Spillway,
   * and providers reject unknown fields.
   */
  public static CallerRoute read(ObjectNode body, Map<String, String> headers) {
    JsonNode fromBody = body.remove(FALLBACKS_FIELD);
    JsonNode modeFromBody = body.remove(MODE_FIELD);
    String header = headers.get(FALLBACKS_HEADER);
    List<String> fallbacks = header != null ? fromHeader(header) : fromBody(fromBody);
    if (fallbacks.size() > MAX_FALLBACKS) {
      throw ApiError.invalidRequest(FALLBACKS_FIELD,
          "at most " + MAX_FALLBACKS + " fallbacks may be named, got " + fallbacks.size());
    }
    RoutingMode mode = mode(headers.get(MODE_HEADER), modeFromBody);
    if (mode == RoutingMode.STRICT && fallbacks.isEmpty()) {
      // Strict with nothing named would silently drop the policy's fallbacks: say so instead.
      throw ApiError.invalidRequest(MODE_FIELD, "routing mode 'strict' needs the fallbacks to use ('fallbacks')");
    }
    return new CallerRoute(fallbacks, mode);
  }

  private static RoutingMode mode(String fromHeader, JsonNode fromBody) {
    String name = fromHeader;
    if (name == null && fromBody != null && !fromBody.isNull()) {
      if (!fromBody.isTextual()) {
        throw ApiError.invalidRequest(MODE_FIELD, "'" + MODE_FIELD + "' must be a string: " + RoutingMode.names());
      }
      name = fromBody.asText();
    }
    if (name == null) {
      return RoutingMode.FALLBACK;
    }
    String given = name.trim();
    return RoutingMode.of(given).orElseThrow(() ->
        ApiError.invalidRequest(MODE_FIELD, "unknown routing mode '" + given + "'; one of " + RoutingMode.names()));
  }

  private static List<String> fromHeader(String header) {
    List<String> names = new ArrayList<>();
    for (String name : header.split(",")) {
      if (name.isBlank()) {
        throw ApiError.invalidRequest(FALLBACKS_HEADER, "'" + FALLBACKS_HEADER + "' has an empty model name");
      }
      names.add(name.trim());
    }
    return names;
  }

  private static List<String> fromBody(JsonNode given) {
    if (given == null || given.isNull()) {
      return List.of();
    }
    if (!given.isArray()) {
      throw ApiError.invalidRequest(FALLBACKS_FIELD, "'fallbacks' must be an array of model names");
    }
    List<String> names = new ArrayList<>();
    for (JsonNode name : given) {
      if (!name.isTextual() || name.asText().isBlank()) {
        throw ApiError.invalidRequest(FALLBACKS_FIELD, "each of 'fallbacks' must be a non-empty model name");
      }
      names.add(name.asText());
    }
    return names;
  }

  /** For headers and traces, e.g. {@code wan-2.7,veo-3 (fallback)}. */
  public String describe() {
    return String.join(",", fallbacks) + " (" + mode.wireName() + ")";
  }
}
