package dev.spillway.proxy.cohorts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.config.StickinessConfig;
import java.util.Map;

/** Reads a request's stickiness key: a header, or a top-level body field (such as {@code user}). */
public final class StickyKey {
  public static final String HEADER = "header";

  private StickyKey() {}

  /** The key, or null when the policy is not sticky or the request carries none. */
  public static String of(StickinessConfig stickiness, Map<String, String> headers, ObjectNode body) {
    if (stickiness == null || stickiness.name() == null) {
      return null;
    }
    String value;
    if (HEADER.equals(stickiness.source())) {
      value = headers.get(stickiness.name().toLowerCase(java.util.Locale.ROOT));
    } else {
      JsonNode field = body == null ? null : body.get(stickiness.name());
      value = field != null && field.isValueNode() ? field.asText() : null;
    }
    return value == null || value.isBlank() ? null : value;
  }
}
