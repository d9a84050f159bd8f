package dev.spillway.proxy.providers.http;

import dev.spillway.proxy.providers.Cancellable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** How requests reach one account's API. Failures are always {@link dev.spillway.proxy.providers.ProviderFailure}s. */
interface UpstreamTransport {
  /**
   * Sends a request, collects the whole body whatever the status, and turns the answer into the
   * result with {@code read} (which may throw a ProviderFailure, e.g. for an error status). The
   * future fails with the ProviderFailure itself, never wrapped; cancelling it aborts the exchange.
   */
  <T> CompletableFuture<T> send(UpstreamRequest request, Function<UpstreamResponse, T> read);

  /**
   * Sends a request whose successful answer is a Server-Sent-Events stream. A non-2xx answer is
   * collected whole and given to {@link SseHandler#onHttpError}.
   */
  Cancellable streamEvents(UpstreamRequest request, SseHandler handler);
}
