package dev.spillway.proxy.providers.http;

import dev.spillway.config.AccountConfig;
import dev.spillway.proxy.providers.Cancellable;
import dev.spillway.proxy.providers.ProviderContext;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * HTTP calls to one account's API. Thread-safe; one instance per account.
 *
 * <p>Cleartext upstreams (self-hosted servers, in-cluster services) go over the server's own event
 * loop ({@link EventLoopClient}): the lowest overhead, where a loopback or in-cluster hop is
 * fast enough for the proxy's own cost to show. TLS upstreams (the hosted providers) and adapters
 * built without a server use the JDK client, which speaks HTTP/2 over TLS.
 */
public final class UpstreamHttp {
  private final UpstreamTransport transport;

  public UpstreamHttp(AccountConfig account, ProviderContext context) {
    boolean cleartext = account.baseUrl().startsWith("http://");
    this.transport =
        cleartext && context.eventLoop() != null
            ? context.eventLoop().transport(account)
            : new JdkTransport(account, context.executor(), context.limits(), context.scheduler());
  }

  /** See {@link UpstreamTransport#send}. */
  public <T> CompletableFuture<T> send(UpstreamRequest request, Function<UpstreamResponse, T> read) {
    return transport.send(request, read);
  }

  /** See {@link UpstreamTransport#streamEvents}. */
  public Cancellable streamEvents(UpstreamRequest request, SseHandler handler) {
    return transport.streamEvents(request, handler);
  }
}
