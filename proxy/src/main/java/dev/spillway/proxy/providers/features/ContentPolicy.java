package dev.spillway.proxy.providers.features;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.providers.ProviderFailure;

/** A content-policy refusal as every adapter reports it: OpenAI's {@code content_filter} error. */
public final class ContentPolicy {
  public static final String CODE = "content_filter";

  private ContentPolicy() {}

  /**
   * @param message what the provider said (already scrubbed of credentials), for the client
   */
  public static ProviderFailure refused(int status, String message) {
    ObjectNode clientError = JsonNodeFactory.instance.objectNode();
    clientError
        .putObject("error")
        .put("message", message)
        .put("type", "invalid_request_error")
        .putNull("param")
        .put("code", CODE);
    return ProviderFailure.contentPolicy(status, clientError);
  }
}
