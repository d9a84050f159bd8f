package dev.spillway.proxy.providers.http;

import dev.spillway.config.AccountConfig;
import dev.spillway.proxy.providers.Cancellable;
import dev.spillway.proxy.providers.ProviderContext;
import dev.spillway.proxy.providers.ProviderFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;

/** HTTP calls to one account's API. Thread-safe; one instance per account. */
public final class UpstreamHttp {
  private final HttpClient client;
  private final HttpClient streamClient;

  public UpstreamHttp(AccountConfig account, ProviderContext context) {
    // Whole-body calls: callbacks run on the client's selector thread. They only parse and hand
    // over (never block), and each hop to a pool costs a thread wake-up, milliseconds on a busy box.
    this.client = client(account, Runnable::run);
    // Streams: chunks are parsed on the context's callback pool. Thousands of open streams send
    // tens of thousands of chunks a second; parsed on the selector thread they make its loop so
    // long that new connections' connect timers expire before their completed connects are seen
    // (5,000 streams: ~3,400 "connect timeout" 503s; docs/benchmarks.md).
    this.streamClient = client(account, context.executor());
  }

  private static HttpClient client(AccountConfig account, Executor callbacks) {
    boolean cleartext = account.baseUrl().startsWith("http://");
    return HttpClient.newBuilder()
        // h2c upgrade on cleartext costs a round trip per connection and few servers take it.
        .version(cleartext ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
        .connectTimeout(Duration.ofMillis(account.timeouts().connectMs()))
        .executor(callbacks)
        .build();
  }

  /** A POST with a JSON body, ready for headers to be added. */
  public static HttpRequest.Builder postJson(URI uri, byte[] body) {
    return HttpRequest.newBuilder(uri)
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
  }

  /**
   * Sends a request, collects the whole body whatever the status, and turns the response into the
   * result with {@code read} (which may throw a {@link ProviderFailure}, e.g. for an error status).
   * The future fails with the {@link ProviderFailure} itself, never wrapped; cancelling it aborts the
   * exchange (a derived future would not pass cancellation back on its own).
   */
  public <T> CompletableFuture<T> send(HttpRequest request, Function<HttpResponse<byte[]>, T> read) {
    // Completed by the body subscriber itself, on the client's selector thread: the future that
    // sendAsync returns is completed through CompletableFuture's default async pool, one more
    // thread hop per call (see docs/benchmarks.md). That future only reports errors here.
    CompletableFuture<T> result = new CompletableFuture<>();
    CompletableFuture<HttpResponse<byte[]>> sent =
        client.sendAsync(
            request,
            info ->
                HttpResponse.BodySubscribers.mapping(
                    HttpResponse.BodySubscribers.ofByteArray(),
                    body -> {
                      complete(result, read, new CollectedResponse(request, info, body));
                      return body;
                    }));
    sent.whenComplete(
        (response, error) -> {
          if (error != null) {
            result.completeExceptionally(asFailure(error));
          }
        });
    result.whenComplete(
        (r, e) -> {
          if (e instanceof CancellationException) {
            sent.cancel(true);
          }
        });
    return result;
  }

  private static <T> void complete(
      CompletableFuture<T> result, Function<HttpResponse<byte[]>, T> read, HttpResponse<byte[]> response) {
    try {
      result.complete(read.apply(response));
    } catch (RuntimeException e) {
      result.completeExceptionally(asFailure(e));
    }
  }

  /**
   * Sends a request whose successful answer is a Server-Sent-Events stream. A non-2xx answer is
   * collected whole and given to {@link SseHandler#onHttpError}.
   */
  public Cancellable streamEvents(HttpRequest request, SseHandler handler) {
    SseCall call = new SseCall(handler);
    CompletableFuture<HttpResponse<Void>> sent = streamClient.sendAsync(request, call);
    sent.whenComplete(
        (response, error) -> {
          if (error != null) {
            call.fail(asFailure(error));
          }
        });
    return () -> {
      call.cancel();
      sent.cancel(true);
    };
  }

  /** Maps the JDK client's exceptions to provider failures. */
  static ProviderFailure asFailure(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof ProviderFailure failure) {
      return failure;
    }
    if (cause instanceof HttpConnectTimeoutException) {
      return ProviderFailure.connect("connect timeout");
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
}
