package dev.spillway.proxy.providers.http;

import dev.spillway.proxy.providers.ProviderFailure;
import io.undertow.client.ClientResponse;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.xnio.XnioIoThread;
import org.xnio.channels.StreamSourceChannel;

/** A call whose answer is collected whole, whatever its status. */
final class WholeBodyExchange extends LoopExchange {
  private final Consumer<UpstreamResponse> answered;
  private final Consumer<ProviderFailure> failed;

  WholeBodyExchange(
      EventLoopClient client,
      XnioIoThread thread,
      UpstreamRequest request,
      long connectMs,
      Consumer<UpstreamResponse> answered,
      Consumer<ProviderFailure> failed) {
    super(client, thread, request, connectMs);
    this.answered = answered;
    this.failed = failed;
  }

  @Override
  protected void onResponse(ClientResponse response, StreamSourceChannel body) {
    BodyReader.read(body, client.buffers(), new Collector(response));
  }

  @Override
  protected void onFailure(ProviderFailure failure) {
    failed.accept(failure);
  }

  /** Gathers the body (sized by Content-Length when given) and hands the answer over at the end. */
  private final class Collector implements BodyReader.Sink {
    private final ClientResponse response;
    private final ByteCollector bytes;

    Collector(ClientResponse response) {
      this.response = response;
      this.bytes = new ByteCollector(initialSize(response.getResponseHeaders().getFirst(Headers.CONTENT_LENGTH)));
    }

    @Override
    public boolean more(ByteBuffer chunk) {
      if (finished()) {
        return false;
      }
      bytes.append(chunk);
      return true;
    }

    @Override
    public void end() {
      if (finished()) {
        return;
      }
      // Give the connection back before the answer is handled: a failover it causes can reuse it.
      done();
      if (!cancelled()) {
        answered.accept(
            new UpstreamResponse(response.getResponseCode(), () -> headers(response.getResponseHeaders()), bytes.toArray()));
      }
    }

    @Override
    public void failed(Exception e) {
      bodyFailed(e);
    }
  }

  private static int initialSize(String contentLength) {
    if (contentLength != null) {
      try {
        // Bounded: the header is the peer's word, the array is our memory.
        return (int) Math.min(Math.max(0, Long.parseLong(contentLength.trim())), 1 << 20);
      } catch (NumberFormatException ignored) {
        // fall through
      }
    }
    return 8 * 1024;
  }
}
