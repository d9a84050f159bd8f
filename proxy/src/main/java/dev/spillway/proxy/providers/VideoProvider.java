package dev.spillway.proxy.providers;

import java.util.concurrent.CompletableFuture;

/**
 * A provider's video jobs. The request crosses this boundary in the OpenAI Videos API's shape
 * ({@code model} is the target's own id, {@code prompt}, {@code size}, {@code seconds}, and an
 * optional {@code input_reference} of {@code {"data": base64, "mime_type"}}); each adapter speaks
 * its provider's protocol behind it. Futures fail with {@link ProviderFailure}.
 */
public interface VideoProvider {

  /** A provider without video generation: every call moves on to the next candidate. */
  VideoProvider UNSUPPORTED = new VideoProvider() {
    @Override
    public CompletableFuture<UpstreamVideo> create(ProviderCall call) {
      return CompletableFuture.failedFuture(ProviderFailure.unsupported("video generation"));
    }

    @Override
    public CompletableFuture<UpstreamVideo> status(ProviderCall call, String id) {
      return create(call);
    }

    @Override
    public CompletableFuture<byte[]> content(ProviderCall call, String id) {
      return CompletableFuture.failedFuture(ProviderFailure.unsupported("video generation"));
    }
  };

  /** Submits a job; completes once the provider has accepted it. */
  CompletableFuture<UpstreamVideo> create(ProviderCall call);

  CompletableFuture<UpstreamVideo> status(ProviderCall call, String id);

  /** The finished clip's MP4 bytes. */
  CompletableFuture<byte[]> content(ProviderCall call, String id);

  /**
   * Asks the provider to drop a job the proxy no longer wants (resubmitted elsewhere, or deleted by
   * the client). Best effort: providers without cancellation do nothing.
   */
  default CompletableFuture<Void> cancel(ProviderCall call, String id) {
    return CompletableFuture.completedFuture(null);
  }
}
