package dev.spillway.proxy.streaming;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Tells a chunk carrying real output (content, tool calls or a refusal) from preamble (the role, an
 * empty content string, usage): the first real one is the moment a stream is committed to a target.
 */
public final class ContentTokens {
  private ContentTokens() {}

  public static boolean carriesContent(JsonNode chunk) {
    for (JsonNode choice : chunk.path("choices")) {
      JsonNode delta = choice.path("delta");
      if (nonEmptyText(delta.get("content"))
          || nonEmptyText(delta.get("refusal"))
          || (delta.path("tool_calls").isArray() && !delta.path("tool_calls").isEmpty())) {
        return true;
      }
    }
    return false;
  }

  private static boolean nonEmptyText(JsonNode node) {
    return node != null && node.isTextual() && !node.asText().isEmpty();
  }
}
