package dev.spillway.proxy.providers.http;

import dev.spillway.proxy.providers.ProviderFailure;
import io.undertow.client.ClientResponse;
import java.nio.ByteBuffer;
import org.xnio.XnioIoThread;
import org.xnio.channels.StreamSourceChannel;

/**
 * A Server-Sent-Events call: a 2xx body is split into lines and parsed into events as it arrives;
 * any other status is collected whole and given to {@link SseHandler#onHttpError}. The handler's
 * callbacks run on the IO thread, never concurrently, exactly one end, none after cancel.
 */
final class StreamExchange extends LoopExchange {
  private final SseHandler handler;

  StreamExchange(EventLoopClient client, XnioIoThread thread, UpstreamRequest request, long connectMs, SseHandler handler) {
    super(client, thread, request, connectMs);
    this.handler = handler;
  }

  @Override
  protected void onResponse(ClientResponse response, StreamSourceChannel body) {
    int status = response.getResponseCode();
    if (status / 100 != 2) {
      BodyReader.read(body, client.buffers(), new WholeBody(this, response,
          error -> handler.onHttpError(error.statusCode(), error.headers(), error.body())));
      return;
    }
    if (!cancelled()) {
      handler.onOpen(headers(response.getResponseHeaders()));
    }
    BodyReader.read(body, client.buffers(), new Events());
  }

  @Override
  protected void onFailure(ProviderFailure failure) {
    handler.onFailure(failure);
  }

  private final class Events implements BodyReader.Sink {
    private final SseBytes events =
        new SseBytes(client.limits(), (event, data) -> {
          if (!finished() && !cancelled()) {
            handler.onEvent(event, data);
          }
        });

    @Override
    public boolean more(ByteBuffer bytes) {
      if (finished()) {
        return false;
      }
      progressed();
      events.accept(bytes); // throws past a limit: BodyReader hands it to failed()
      return !finished();
    }

    @Override
    public void end() {
      if (finished()) {
        return;
      }
      events.end();
      if (finished()) {
        return; // the handler cancelled on the last event
      }
      done();
      if (!cancelled()) {
        handler.onEnd();
      }
    }

    @Override
    public void failed(Exception e) {
      bodyFailed(e);
    }
  }
}
