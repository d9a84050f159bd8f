package dev.spillway.proxy.providers;

import java.util.concurrent.CompletableFuture;

/**
 * Speaks one provider's wire protocol. Requests and responses cross this boundary in the OpenAI
 * chat-completions shape, so everything above it (routing, failover, streaming) is provider-blind.
 *
 * <p>Implementations are non-blocking and thread-safe; one instance serves one account.
 */
public interface ProviderAdapter extends AutoCloseable {

  /**
   * A plain call. Completes with an OpenAI {@code chat.completion} body, or exceptionally with a
   * {@link ProviderFailure}. Cancelling the future aborts the upstream call.
   */
  CompletableFuture<Completion> complete(ProviderCall call);

  /**
   * A streaming call. The listener receives OpenAI {@code chat.completion.chunk} objects, then
   * exactly one of {@code onComplete} or {@code onError}. Cancelling aborts the upstream call and
   * stops further callbacks (best effort).
   */
  Cancellable stream(ProviderCall call, StreamListener listener);

  @Override
  default void close() {}
}
