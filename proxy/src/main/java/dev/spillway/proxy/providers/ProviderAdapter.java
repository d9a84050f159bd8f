package dev.spillway.proxy.providers;

import java.util.concurrent.CompletableFuture;

/**
 * Speaks one provider's wire protocol. Requests and responses cross this boundary in the OpenAI
 * shapes (chat completions; embeddings, images and speech where the provider offers them), so
 * everything above it (routing, failover, streaming) is provider-blind.
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

  /**
   * {@code POST /v1/embeddings}. Completes with an OpenAI embeddings {@code list} body. Providers
   * without embeddings fail with {@link ProviderFailure#unsupported}, so the call moves on.
   */
  default CompletableFuture<Completion> embeddings(ProviderCall call) {
    return CompletableFuture.failedFuture(ProviderFailure.unsupported("embeddings"));
  }

  /** {@code POST /v1/images/generations}. Completes with an OpenAI images body. */
  default CompletableFuture<Completion> images(ProviderCall call) {
    return CompletableFuture.failedFuture(ProviderFailure.unsupported("image generation"));
  }

  /** {@code POST /v1/audio/speech}. Completes with the audio. */
  default CompletableFuture<Speech> speech(ProviderCall call) {
    return CompletableFuture.failedFuture(ProviderFailure.unsupported("speech"));
  }

  /**
   * The {@code models} health probe: lists the provider's models. Providers without such a listing
   * answer it with the call itself, a one-token completion. Completes normally when the provider is
   * reachable and takes the credential.
   */
  default CompletableFuture<Void> listModels(ProviderCall oneTokenCompletion) {
    return complete(oneTokenCompletion).thenApply(ignored -> null);
  }

  /**
   * {@code POST /v1/audio/transcriptions}. The request carries the form's fields, the audio in
   * base64 as {@code file} with {@code filename} and {@code file_content_type}. Completes with
   * OpenAI's transcription body ({@code {"text": …}}).
   */
  default CompletableFuture<Completion> transcriptions(ProviderCall call) {
    return CompletableFuture.failedFuture(ProviderFailure.unsupported("transcription"));
  }

  /** Video generation jobs ({@code /v1/videos}); providers without them fail each call with a 404. */
  default VideoProvider videos() {
    return VideoProvider.UNSUPPORTED;
  }

  @Override
  default void close() {}
}
