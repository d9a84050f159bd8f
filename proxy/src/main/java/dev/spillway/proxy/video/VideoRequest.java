package dev.spillway.proxy.video;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.http.ApiError;
import dev.spillway.proxy.http.ChatCompletionsHandler;
import dev.spillway.proxy.http.Json;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A validated {@code POST /v1/videos}, from JSON or from the multipart form the OpenAI SDKs send.
 * The body it yields is what every provider adapter receives: {@code model}, {@code prompt}, and
 * when given {@code size}, {@code seconds} (a string, as the OpenAI API has it) and
 * {@code input_reference} as {@code {"data": base64, "mime_type"}}.
 *
 * @param body the normalised body (routing fields such as {@code fallbacks} still in it)
 * @param width requested width, or 0 when the size is left to the provider
 * @param seconds requested duration, or 0 when left to the provider
 */
record VideoRequest(ObjectNode body, String model, String prompt, int width, int height, int seconds) {
  static final int MAX_SECONDS = 60;
  static final int MAX_SIDE = 4096;
  private static final Pattern SIZE = Pattern.compile("(\\d{1,4})x(\\d{1,4})");
  private static final Pattern DATA_URL = Pattern.compile("data:([\\w.+-]+/[\\w.+-]+);base64,(.*)", Pattern.DOTALL);

  static VideoRequest parse(byte[] bytes, String contentType) {
    ObjectNode body = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")
        ? fromForm(MultipartForm.parse(bytes, contentType))
        : ChatCompletionsHandler.parse(bytes);
    String model = text(body, "model", true);
    String prompt = text(body, "prompt", true);
    int[] size = size(text(body, "size", false));
    int seconds = seconds(body.get("seconds"));
    if (seconds > 0) {
      body.put("seconds", Integer.toString(seconds));
    }
    normaliseInputReference(body);
    return new VideoRequest(body, model, prompt, size[0], size[1], seconds);
  }

  /** The requested size as the API writes it, or null. */
  String size() {
    return width > 0 ? width + "x" + height : null;
  }

  private static ObjectNode fromForm(Map<String, MultipartForm.Part> parts) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    parts.forEach((name, part) -> {
      if (name.equals("input_reference")) {
        String type = part.contentType() != null ? part.contentType() : "application/octet-stream";
        body.putObject("input_reference")
            .put("data", Base64.getEncoder().encodeToString(part.bytes()))
            .put("mime_type", type);
      } else if (name.equals("fallbacks") || name.equals("fallbacks[]")) {
        // A form has no arrays: the names come comma-separated, or as repeated fields.
        ArrayNode fallbacks = body.has("fallbacks") ? (ArrayNode) body.get("fallbacks") : body.putArray("fallbacks");
        for (String model : part.text().split(",")) {
          fallbacks.add(model.trim());
        }
      } else {
        body.put(name, part.text());
      }
    });
    return body;
  }

  private static String text(ObjectNode body, String field, boolean required) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw ApiError.invalidRequest(field, "'" + field + "' is required");
      }
      return null;
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      throw ApiError.invalidRequest(field, "'" + field + "' must be a non-empty string");
    }
    return value.asText();
  }

  private static int[] size(String size) {
    if (size == null) {
      return new int[] {0, 0};
    }
    Matcher matcher = SIZE.matcher(size);
    if (!matcher.matches()) {
      throw ApiError.invalidRequest("size", "'size' must be WIDTHxHEIGHT, e.g. 1280x720; got '" + size + "'");
    }
    int width = Integer.parseInt(matcher.group(1));
    int height = Integer.parseInt(matcher.group(2));
    if (width < 16 || height < 16 || width > MAX_SIDE || height > MAX_SIDE) {
      throw ApiError.invalidRequest("size", "'size' sides must be 16 to " + MAX_SIDE + " pixels; got '" + size + "'");
    }
    return new int[] {width, height};
  }

  private static int seconds(JsonNode value) {
    if (value == null || value.isNull()) {
      return 0;
    }
    String text = value.asText().trim();
    int seconds;
    try {
      seconds = value.isIntegralNumber() ? value.asInt() : Integer.parseInt(text);
    } catch (NumberFormatException e) {
      seconds = -1;
    }
    if (seconds < 1 || seconds > MAX_SECONDS || !(value.isIntegralNumber() || value.isTextual())) {
      throw ApiError.invalidRequest("seconds", "'seconds' must be a whole number of seconds, 1 to " + MAX_SECONDS
          + "; got " + value);
    }
    return seconds;
  }

  /**
   * JSON callers may give the image as a data URL (a string, or {@code {"image_url": …}}); a
   * remote URL is refused: the proxy fetches no URL a client hands it.
   */
  private static void normaliseInputReference(ObjectNode body) {
    JsonNode given = body.get("input_reference");
    if (given == null || given.isNull()) {
      body.remove("input_reference");
      return;
    }
    if (given.isObject() && given.path("data").isTextual() && given.path("mime_type").isTextual()) {
      return;
    }
    String url = given.isTextual() ? given.asText() : given.path("image_url").asText("");
    Matcher matcher = DATA_URL.matcher(url);
    if (!matcher.matches()) {
      throw ApiError.invalidRequest("input_reference",
          "'input_reference' must be an uploaded file or a base64 data URL (data:image/png;base64,…)");
    }
    try {
      Base64.getDecoder().decode(matcher.group(2));
    } catch (IllegalArgumentException e) {
      throw ApiError.invalidRequest("input_reference", "'input_reference' is not valid base64");
    }
    body.putObject("input_reference").put("data", matcher.group(2)).put("mime_type", matcher.group(1));
  }
}
