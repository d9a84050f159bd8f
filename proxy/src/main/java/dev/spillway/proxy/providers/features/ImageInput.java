package dev.spillway.proxy.providers.features;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;

/**
 * An OpenAI {@code image_url} part: inline bytes from a base64 data URL, or a URL the provider
 * fetches itself.
 *
 * @param mediaType e.g. {@code image/png}; for a URL, guessed from its extension (null if unknown)
 * @param base64 the data of a data URL, or null for a URL
 * @param url the http(s) URL, or null for inline data
 */
public record ImageInput(String mediaType, String base64, String url) {
  private static final Map<String, String> BY_EXTENSION =
      Map.of("png", "image/png", "jpg", "image/jpeg", "jpeg", "image/jpeg", "gif", "image/gif", "webp", "image/webp");

  /**
   * @param part the {@code image_url} value (a string or {@code {"url": …}})
   * @throws IllegalArgumentException naming the problem, for a 400
   */
  public static ImageInput of(JsonNode part) {
    String url = part.isTextual() ? part.asText() : part.path("url").asText("");
    if (url.startsWith("http://") || url.startsWith("https://")) {
      String path = url.replaceAll("[?#].*$", "");
      String extension = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
      return new ImageInput(BY_EXTENSION.get(extension), null, url);
    }
    int comma = url.indexOf(',');
    String meta = comma < 0 ? "" : url.substring(0, comma);
    if (!url.startsWith("data:") || !meta.endsWith(";base64") || meta.indexOf(';') <= "data:".length()) {
      throw new IllegalArgumentException("images must be base64 data URLs or http(s) URLs");
    }
    return new ImageInput(meta.substring("data:".length(), meta.indexOf(';')), url.substring(comma + 1), null);
  }

  public boolean inline() {
    return base64 != null;
  }
}
