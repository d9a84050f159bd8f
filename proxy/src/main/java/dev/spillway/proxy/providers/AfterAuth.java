package dev.spillway.proxy.providers;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Chains a call after its authorisation step (a ready API key, or a token that may have to be
 * fetched), keeping the adapter contract: the future fails with the {@link ProviderFailure}
 * itself, never wrapped, and cancelling it aborts the upstream call.
 */
public final class AfterAuth {
  private AfterAuth() {}

  public static <A, B> CompletableFuture<B> then(CompletableFuture<A> auth, Function<A, CompletableFuture<B>> call) {
    if (auth.isDone() && !auth.isCompletedExceptionally()) {
      return call.apply(auth.join()); // an API key: no extra step on the hot path
    }
    CompletableFuture<B> result = new CompletableFuture<>();
    auth.whenComplete((ready, error) -> {
      if (error != null) {
        result.completeExceptionally(failure(error));
        return;
      }
      CompletableFuture<B> upstream = call.apply(ready);
      upstream.whenComplete((answer, failed) -> {
        if (failed != null) {
          result.completeExceptionally(failure(failed));
        } else {
          result.complete(answer);
        }
      });
      result.whenComplete((answer, failed) -> {
        if (failed instanceof CancellationException) {
          upstream.cancel(true);
        }
      });
    });
    return result;
  }

  /** The failure behind a completion wrapper; anything but a ProviderFailure failed to authorise. */
  public static ProviderFailure failure(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    return cause instanceof ProviderFailure failure
        ? failure
        : ProviderFailure.connect("could not authorise the call: " + cause.getClass().getSimpleName());
  }
}
