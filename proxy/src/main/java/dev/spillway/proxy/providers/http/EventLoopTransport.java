package dev.spillway.proxy.providers.http;

import dev.spillway.proxy.providers.Cancellable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** One account's calls over the {@link EventLoopClient}, with the account's connect timeout. */
final class EventLoopTransport implements UpstreamTransport {
  private final EventLoopClient client;
  private final long connectMs;

  EventLoopTransport(EventLoopClient client, long connectMs) {
    this.client = client;
    this.connectMs = connectMs;
  }

  @Override
  public <T> CompletableFuture<T> send(UpstreamRequest request, Function<UpstreamResponse, T> read) {
    CompletableFuture<T> result = new CompletableFuture<>();
    WholeBodyExchange exchange =
        new WholeBodyExchange(client, client.thread(), request, connectMs, response -> Failures.complete(result, read, response), result::completeExceptionally);
    result.whenComplete(
        (r, e) -> {
          if (e instanceof CancellationException) {
            exchange.cancel();
          }
        });
    exchange.start();
    return result;
  }

  @Override
  public Cancellable streamEvents(UpstreamRequest request, SseHandler handler) {
    StreamExchange exchange = new StreamExchange(client, client.thread(), request, connectMs, handler);
    exchange.start();
    return exchange::cancel;
  }
}
