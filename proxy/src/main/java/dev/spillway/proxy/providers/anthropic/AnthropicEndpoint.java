package dev.spillway.proxy.providers.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.providers.UpstreamAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Where a Messages call goes and how it is authorised: Anthropic's API, or Claude on Vertex AI. */
public interface AnthropicEndpoint {
  /**
   * The URI of a plain or a streaming call and the headers that authorise it with the account's
   * credential. May complete later: a token may have to be fetched first.
   */
  CompletableFuture<UpstreamAddress> address(String model, boolean stream, String credential);

  /** Adjusts the Messages body to the endpoint (Vertex names the model in the URL, not the body). */
  default void shape(ObjectNode body) {}

  /** Anthropic's API: {@code /v1/messages} with {@code x-api-key} and {@code anthropic-version}. */
  static AnthropicEndpoint direct(String baseUrl, String apiVersion) {
    URI messages = URI.create(baseUrl + "/v1/messages");
    String version = apiVersion != null ? apiVersion : AnthropicAdapter.DEFAULT_API_VERSION;
    return (model, stream, credential) -> CompletableFuture.completedFuture(new UpstreamAddress(messages,
        credential == null
            ? Map.of("anthropic-version", version)
            : Map.of("anthropic-version", version, "x-api-key", credential)));
  }
}
