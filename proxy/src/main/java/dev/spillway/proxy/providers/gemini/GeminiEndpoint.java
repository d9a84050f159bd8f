package dev.spillway.proxy.providers.gemini;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Where a Gemini-format call goes and how it is authorised: the Gemini API, or Vertex AI. */
public interface GeminiEndpoint {
  /** The URI of {@code generateContent}, or of {@code streamGenerateContent?alt=sse}. */
  URI uri(String model, boolean stream);

  /**
   * The headers that authorise a call with the account's credential (an API key, a service
   * account's token). May complete later: a token may have to be fetched first.
   */
  CompletableFuture<Map<String, String>> authHeaders(String credential);

  /** The Gemini API: {@code models/{model}:generateContent} with the {@code x-goog-api-key} header. */
  static GeminiEndpoint apiKey(String baseUrl) {
    return new GeminiEndpoint() {
      @Override
      public URI uri(String model, boolean stream) {
        return URI.create(baseUrl + "/models/" + GeminiEndpoint.modelPath(model)
            + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent"));
      }

      @Override
      public CompletableFuture<Map<String, String>> authHeaders(String credential) {
        return CompletableFuture.completedFuture(credential == null ? Map.of() : Map.of("x-goog-api-key", credential));
      }
    };
  }

  /** A model id as a path segment: Google's own "models/…" prefix dropped, reserved characters escaped. */
  static String modelPath(String model) {
    String bare = model.startsWith("models/") ? model.substring("models/".length()) : model;
    return java.net.URLEncoder.encode(bare, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }
}
