package dev.spillway.proxy.providers.http;

import dev.spillway.proxy.bounds.ProgressWatch;
import dev.spillway.config.AccountConfig;
import dev.spillway.proxy.providers.Cancellable;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The JDK HTTP client: TLS with HTTP/2 (what the hosted providers speak), and the fallback where no
 * event loop is given (adapters built outside a server). One instance per account.
 */
final class JdkTransport implements UpstreamTransport {
  private final HttpClient client;
  private final HttpClient streamClient;
  private final UpstreamLimits limits;
  private final ProgressWatch.Timers timers;

  JdkTransport(AccountConfig account, Executor streamCallbacks, UpstreamLimits limits, ScheduledExecutorService scheduler) {
    this.limits = limits;
    this.timers = (task, delayNanos) -> {
      ScheduledFuture<?> timer = scheduler.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
      return () -> timer.cancel(false);
    };
    // Whole-body calls: callbacks run on the client's selector thread. They only parse and hand
    // over (never block), and each hop to a pool costs a thread wake-up, milliseconds on a busy box.
    this.client = client(account, Runnable::run);
    // Streams: chunks are parsed on the callback pool. Thousands of open streams send tens of
    // thousands of chunks a second; parsed on the selector thread they make its loop so long that
    // new connections' connect timers expire before their completed connects are seen (5,000
    // streams: ~3,400 "connect timeout" 503s; docs/benchmarks.md).
    this.streamClient = client(account, streamCallbacks);
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

  private static HttpRequest jdkRequest(UpstreamRequest request) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(request.uri()).method(request.method(), request.hasBody()
            ? HttpRequest.BodyPublishers.ofByteArray(request.body())
            : HttpRequest.BodyPublishers.noBody());
    request.headers().forEach(builder::header);
    return builder.build();
  }

  @Override
  public <T> CompletableFuture<T> send(UpstreamRequest request, Function<UpstreamResponse, T> read) {
    // Completed by the body subscriber itself, on the client's selector thread: the future that
    // sendAsync returns is completed through CompletableFuture's default async pool, one more
    // thread hop per call (see docs/benchmarks.md). That future only reports errors here.
    CompletableFuture<T> result = new CompletableFuture<>();
    CompletableFuture<HttpResponse<byte[]>> sent =
        client.sendAsync(
            jdkRequest(request),
            info ->
                HttpResponse.BodySubscribers.mapping(
                    body(info),
                    body -> {
                      Failures.complete(result, read, new UpstreamResponse(info.statusCode(), UpstreamResponse.Headers.of(info.headers()), body));
                      return body;
                    }));
    sent.whenComplete(
        (response, error) -> {
          if (error != null) {
            result.completeExceptionally(Failures.of(error));
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

  /** A whole body within the limits, sized by its Content-Length when given. */
  private JdkBody body(HttpResponse.ResponseInfo info) {
    return new JdkBody(limits, timers, info.headers().firstValueAsLong("content-length").orElse(8 * 1024));
  }

  /** A streamed binary body (see {@link UpstreamHttp#streamBytes}). */
  Cancellable streamBytes(UpstreamRequest request, ByteStreamHandler handler) {
    ByteStreamCall call = new ByteStreamCall(handler, limits, timers, this::body);
    CompletableFuture<HttpResponse<Void>> sent = streamClient.sendAsync(jdkRequest(request), call);
    sent.whenComplete(
        (response, error) -> {
          if (error != null) {
            call.fail(Failures.of(error));
          }
        });
    return () -> {
      call.cancel();
      sent.cancel(true);
    };
  }

  @Override
  public Cancellable streamEvents(UpstreamRequest request, SseHandler handler) {
    SseCall call = new SseCall(handler, limits, timers, this::body);
    CompletableFuture<HttpResponse<Void>> sent = streamClient.sendAsync(jdkRequest(request), call);
    sent.whenComplete(
        (response, error) -> {
          if (error != null) {
            call.fail(Failures.of(error));
          }
        });
    return () -> {
      call.cancel();
      sent.cancel(true);
    };
  }
}
