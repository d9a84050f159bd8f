package dev.spillway.proxy.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.http.ApiError;
import dev.spillway.proxy.passthrough.LongText;
import dev.spillway.proxy.providers.features.Reasoning;
import dev.spillway.proxy.validation.ChatRules;
import java.util.Map;

/**
 * Validates a chat-completions body ({@link ChatRules}) and reads its {@link RequestFacts}. Removes the routing hints
 * ({@code metadata.step}, {@code metadata.purpose}) from the body, since they are for Spillway and
 * providers reject unknown metadata.
 */
public final class RequestParser {
  public static final String STEP_HEADER = "x-spillway-step";
  public static final String PURPOSE_HEADER = "x-spillway-purpose";
  private static final int CHARS_PER_TOKEN = 4;

  private RequestParser() {}

  /** The parsed request; {@code body} is modified in place (routing hints removed). */
  public static RequestFacts parse(JsonNode json, Map<String, String> headers) {
    if (json == null || !json.isObject()) {
      throw ApiError.invalidRequest(null, "the request body must be a JSON object");
    }
    ObjectNode body = (ObjectNode) json;
    ChatRules.CHAT.validate(body);
    String model = body.get("model").textValue();
    JsonNode messages = body.get("messages");

    String step = hint(body, headers, STEP_HEADER, "step");
    String purpose = hint(body, headers, PURPOSE_HEADER, "purpose");
    String format = body.path("response_format").path("type").asText("");
    return new RequestFacts(
        model,
        body.path("stream").asBoolean(false),
        step,
        purpose,
        body.path("user").isTextual() ? body.get("user").asText() : null,
        body.path("tools").size() > 0 || body.path("functions").size() > 0,
        hasImages(messages),
        format.equals("json_object"),
        format.equals("json_schema"),
        estimateTokens(body, messages),
        headers,
        CallerRoute.read(body, headers),
        Reasoning.requested(body));
  }

  /** The header wins over the body; the body's key is removed either way. */
  private static String hint(ObjectNode body, Map<String, String> headers, String header, String key) {
    String fromBody = null;
    JsonNode metadata = body.get("metadata");
    if (metadata instanceof ObjectNode meta && meta.isEmpty()) {
      body.remove("metadata");
    } else if (metadata instanceof ObjectNode meta && meta.has(key)) {
      // Replaced, not changed in place: the body's members are spliced from the client's bytes
      // by identity (SplicedObject), and the shaped bodies share nested values with it.
      ObjectNode rest = meta.deepCopy();
      JsonNode value = rest.remove(key);
      fromBody = value.isValueNode() ? value.asText() : null;
      if (rest.isEmpty()) {
        body.remove("metadata");
      } else {
        body.set("metadata", rest);
      }
    }
    String fromHeader = headers.get(header);
    return fromHeader != null && !fromHeader.isBlank() ? fromHeader : fromBody;
  }

  private static boolean hasImages(JsonNode messages) {
    for (JsonNode message : messages) {
      for (JsonNode part : message.path("content")) {
        String type = part.path("type").asText("");
        if (type.equals("image_url") || type.equals("input_image") || type.equals("image")) {
          return true;
        }
      }
    }
    return false;
  }

  private static int estimateTokens(ObjectNode body, JsonNode messages) {
    long chars = 0;
    for (JsonNode message : messages) {
      JsonNode content = message.path("content");
      // Lengths without decoding: a long text is still the client's bytes (LongText).
      if (content.isTextual()) {
        chars += LongText.length(content);
      }
      for (JsonNode part : content) {
        JsonNode text = part.path("text");
        chars += text.isTextual() ? LongText.length(text) : 0;
      }
    }
    long completion =
        body.has("max_completion_tokens")
            ? body.path("max_completion_tokens").asLong(0)
            : body.path("max_tokens").asLong(0);
    return (int) Math.min(Integer.MAX_VALUE, chars / CHARS_PER_TOKEN + completion);
  }
}
