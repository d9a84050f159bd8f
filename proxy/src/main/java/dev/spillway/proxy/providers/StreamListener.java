package dev.spillway.proxy.providers;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Receives one streaming call. Callbacks for one stream never run concurrently, but may come from
 * any thread; they must not block.
 */
public interface StreamListener {
  /**
   * The upstream accepted the call and its stream begins (before any chunk).
   *
   * @param upstreamRequestId the provider's id for the call ({@link UpstreamRequestId}), or null
   */
  default void onOpen(String upstreamRequestId) {}

  /** An OpenAI {@code chat.completion.chunk} (a usage-only chunk may have empty choices). */
  void onChunk(ObjectNode chunk);

  /**
   * The same, as the upstream's bytes with their facts read ({@link ChatChunk}): how an
   * OpenAI-compatible upstream's chunks arrive. A listener that relays bytes overrides this; the
   * rest get the tree.
   */
  default void onChunk(ChatChunk chunk) {
    onChunk(chunk.tree());
  }

  /** The upstream ended cleanly ({@code [DONE]}, or the provider's own end event). */
  void onComplete();

  /** The call failed: an HTTP error before any chunk, an error event, or a cut connection. */
  void onError(ProviderFailure failure);
}
