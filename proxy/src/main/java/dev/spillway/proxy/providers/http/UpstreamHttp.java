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
  private final AccountConfig account;
  private final ProviderContext context;
  private volatile JdkTransport binaryStreams;

  public UpstreamHttp(AccountConfig account, ProviderContext context) {
    boolean cleartext = account.baseUrl().startsWith("http://");
    this.account = account;
    this.context = context;
    this.transport =
        cleartext && context.eventLoop() != null
            ? context.eventLoop().transport(account)
            : new JdkTransport(account, context.executor());
  }

  /**
   * Sends a request whose successful answer is a binary stream (Bedrock's AWS event stream). Always
   * over the JDK client: the providers that stream binary (AWS) are only reached over TLS, so the
   * event loop's cleartext fast path has nothing to gain here.
   */
  public Cancellable streamBytes(UpstreamRequest request, ByteStreamHandler handler) {
    JdkTransport jdk = transport instanceof JdkTransport own ? own : binaryStreams;
    if (jdk == null) {
      synchronized (this) {
        if (binaryStreams == null) {
          binaryStreams = new JdkTransport(account, context.executor());
        }
        jdk = binaryStreams;
      }
    }
    return jdk.streamBytes(request, handler);
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
