package dev.spillway.proxy.providers.http;

import dev.spillway.proxy.providers.ProviderFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/** Maps both transports' exceptions to provider failures, so failover sees the same reasons. */
final class Failures {
  private Failures() {}

  static ProviderFailure of(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof ProviderFailure failure) {
      return failure;
    }
    if (cause instanceof HttpConnectTimeoutException) {
      return connectTimeout();
    }
    if (cause instanceof HttpTimeoutException) {
      return ProviderFailure.timeout("timeout");
    }
    if (cause instanceof ConnectException) {
      return ProviderFailure.connect("connection refused");
    }
    if (cause instanceof CancellationException) {
      return ProviderFailure.timeout("cancelled");
    }
    if (cause instanceof IOException) {
      return ProviderFailure.connect("connection closed: " + cause.getClass().getSimpleName());
    }
    return ProviderFailure.protocol("upstream call failed: " + cause.getClass().getSimpleName());
  }

  static ProviderFailure connectTimeout() {
    return ProviderFailure.connect("connect timeout");
  }

  /** Completes {@code result} with {@code read}'s answer, or with the failure it threw. */
  static <T> void complete(CompletableFuture<T> result, Function<UpstreamResponse, T> read, UpstreamResponse response) {
    try {
      result.complete(read.apply(response));
    } catch (RuntimeException e) {
      result.completeExceptionally(of(e));
    }
  }
}
