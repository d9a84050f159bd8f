package dev.spillway.proxy.providers.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spillway.config.AccountConfig;
import dev.spillway.proxy.providers.Cancellable;
import dev.spillway.proxy.providers.ProviderContext;
import dev.spillway.proxy.secrets.KnownSecrets;
import dev.spillway.proxy.secrets.Scrubber;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * HTTP calls to one account's API. Thread-safe; one instance per account.
 *
 * <p>Cleartext upstreams (self-hosted servers, in-cluster services) go over the server's own event
 * loop ({@link EventLoopClient}): the lowest overhead, where a loopback or in-cluster hop is
 * fast enough for the proxy's own cost to show. TLS upstreams (the hosted providers) and adapters
 * built without a server use the JDK client, which speaks HTTP/2 over TLS. Either way, every byte
 * of every answer passes the process's secret scrubber here, the one door upstream bytes come in by.
 */
public final class UpstreamHttp {
  private final UpstreamTransport transport;
  private final KnownSecrets secrets;
  private final ObjectMapper mapper;

  public UpstreamHttp(AccountConfig account, ProviderContext context) {
    this.secrets = context.secrets();
    this.mapper = context.mapper();
    boolean cleartext = account.baseUrl().startsWith("http://");
    this.transport =
        cleartext && context.eventLoop() != null
            ? context.eventLoop().transport(account)
            : new JdkTransport(account, context.executor(), context.limits(), context.scheduler());
  }

  /**
   * See {@link UpstreamTransport#send}. The body {@code read} sees is already scrubbed of every
   * secret the process knows: nothing an adapter derives from it can carry a key.
   */
  public <T> CompletableFuture<T> send(UpstreamRequest request, Function<UpstreamResponse, T> read) {
    return transport.send(request, response -> {
      Scrubber scrubber = secrets.scrubber();
      return read.apply(response.withBody(scrubber.scrubBody(response.body(), mapper)));
    });
  }

  /** See {@link UpstreamTransport#streamEvents}; events and error bodies are scrubbed as in {@link #send}. */
  public Cancellable streamEvents(UpstreamRequest request, SseHandler handler) {
    return transport.streamEvents(request, new ScrubbedEvents(handler, secrets.scrubber(), mapper));
  }
}
