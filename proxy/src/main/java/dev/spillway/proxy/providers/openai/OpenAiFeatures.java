package dev.spillway.proxy.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.providers.features.Reasoning;

/**
 * Puts the internal body's provider features into OpenAI's terms: a {@code thinking} budget
 * becomes the nearest {@code reasoning_effort}; {@code thinking_blocks}, {@code reasoning_content}
 * and {@code cache_control} markers, which OpenAI does not accept (and caches by itself), are
 * removed, as is Anthropic's {@code top_k} (OpenAI has no such sampling knob and refuses unknown
 * arguments). A body without them is sent as it is, uncopied.
 */
final class OpenAiFeatures {
  private static final String CACHE_CONTROL = "cache_control";
  private static final String TOP_K = "top_k";

  private OpenAiFeatures() {}

  static ObjectNode apply(ObjectNode request) {
    if (!needsChange(request)) {
      return request;
    }
    ObjectNode body = request.deepCopy();
    body.remove(TOP_K);
    if (body.has("thinking")) {
      String effort = Reasoning.effort(request);
      body.remove("thinking");
      if (effort != null) {
        body.put("reasoning_effort", effort);
      }
    }
    for (JsonNode message : body.path("messages")) {
      ObjectNode fields = (ObjectNode) message;
      fields.remove(CACHE_CONTROL);
      fields.remove("thinking_blocks");
      fields.remove("reasoning_content");
      message.path("content").forEach(part -> {
        if (part.isObject()) {
          ((ObjectNode) part).remove(CACHE_CONTROL);
        }
      });
    }
    body.path("tools").forEach(tool -> ((ObjectNode) tool).remove(CACHE_CONTROL));
    return body;
  }

  private static boolean needsChange(JsonNode request) {
    if (request.has("thinking") || request.has(TOP_K)) {
      return true;
    }
    for (JsonNode message : request.path("messages")) {
      if (message.has(CACHE_CONTROL) || message.has("thinking_blocks") || message.has("reasoning_content")) {
        return true;
      }
      for (JsonNode part : message.path("content")) {
        if (part.has(CACHE_CONTROL)) {
          return true;
        }
      }
    }
    for (JsonNode tool : request.path("tools")) {
      if (tool.has(CACHE_CONTROL)) {
        return true;
      }
    }
    return false;
  }
}
