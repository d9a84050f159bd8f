package dev.spillway.proxy.providers;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A successful plain call answered with JSON.
 *
 * @param body an OpenAI {@code chat.completion} object (or the embeddings or images body, for
 *     those operations)
 * @param usage token counts taken from the body (zeros when the provider sent none)
 * @param requestId the provider's id for the call (its {@code x-request-id} or {@code request-id}
 *     header), passed back to the client; null when it sent none
 */
public record Completion(ObjectNode body, Usage usage, String requestId) {
  public Completion(ObjectNode body, Usage usage) {
    this(body, usage, null);
  }
}
