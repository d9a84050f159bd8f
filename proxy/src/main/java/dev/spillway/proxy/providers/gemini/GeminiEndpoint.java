package dev.spillway.proxy.providers.gemini;

import dev.spillway.proxy.providers.UpstreamAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Where a Gemini-format call goes and how it is authorised: the Gemini API, or Vertex AI. */
public interface GeminiEndpoint {
  /**
   * The URI of {@code generateContent} (or {@code streamGenerateContent?alt=sse}) and the headers
   * that authorise it with the account's credential. May complete later: a token may have to be
   * fetched first.
   */
  CompletableFuture<UpstreamAddress> address(String model, boolean stream, String credential);

  /** The Gemini API: {@code models/{model}:generateContent} with the {@code x-goog-api-key} header. */
  static GeminiEndpoint apiKey(String baseUrl) {
    return (model, stream, credential) -> CompletableFuture.completedFuture(new UpstreamAddress(
        URI.create(baseUrl + "/models/" + modelPath(model) + method(stream)),
        credential == null ? Map.of() : Map.of("x-goog-api-key", credential)));
  }

  /** The method suffix of a model's URI. */
  static String method(boolean stream) {
    return stream ? ":streamGenerateContent?alt=sse" : ":generateContent";
  }

  /** A model id as a path segment: Google's own "models/…" prefix dropped, reserved characters escaped. */
  static String modelPath(String model) {
    String bare = model.startsWith("models/") ? model.substring("models/".length()) : model;
    return URLEncoder.encode(bare, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
