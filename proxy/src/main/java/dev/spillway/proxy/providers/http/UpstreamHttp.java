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
  private final AccountConfig account;
  private final ProviderContext context;
  private volatile JdkTransport binaryStreams;

  public UpstreamHttp(AccountConfig account, ProviderContext context) {
    this.secrets = context.secrets();
    this.mapper = context.mapper();
    this.account = account;
    this.context = context;
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

  /**
   * Sends a request whose successful answer is a binary stream (Bedrock's AWS event stream). Always
   * over the JDK client: the providers that stream binary (AWS) are only reached over TLS, so the
   * event loop's cleartext fast path has nothing to gain here. Error bodies are scrubbed as in
   * {@link #send}; the frames' payloads are the handler's to scrub, with {@link #scrub}, once decoded.
   */
  public Cancellable streamBytes(UpstreamRequest request, ByteStreamHandler handler) {
    JdkTransport jdk = transport instanceof JdkTransport own ? own : binaryStreams;
    if (jdk == null) {
      synchronized (this) {
        if (binaryStreams == null) {
          binaryStreams = new JdkTransport(account, context.executor(), context.limits(), context.scheduler());
        }
        jdk = binaryStreams;
      }
    }
    return jdk.streamBytes(request, new ByteStreamHandler() {
      @Override
      public void onOpen(java.net.http.HttpHeaders headers) {
        handler.onOpen(headers);
      }

      @Override
      public void onBytes(java.nio.ByteBuffer bytes) {
        handler.onBytes(bytes);
      }

      @Override
      public void onEnd() {
        handler.onEnd();
      }

      @Override
      public void onHttpError(int status, java.net.http.HttpHeaders headers, byte[] body) {
        handler.onHttpError(status, headers, scrub(body));
      }

      @Override
      public void onFailure(dev.spillway.proxy.providers.ProviderFailure failure) {
        handler.onFailure(failure);
      }
    });
  }

  /** A JSON (or text) body with every secret the process knows masked. */
  public byte[] scrub(byte[] body) {
    return secrets.scrubber().scrubBody(body, mapper);
  }

  /** See {@link UpstreamTransport#streamEvents}; events and error bodies are scrubbed as in {@link #send}. */
  public Cancellable streamEvents(UpstreamRequest request, SseHandler handler) {
    return transport.streamEvents(request, new ScrubbedEvents(handler, secrets.scrubber(), mapper));
  }
}
