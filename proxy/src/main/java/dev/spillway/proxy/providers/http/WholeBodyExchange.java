package dev.spillway.proxy.providers.http;

import dev.spillway.proxy.providers.ProviderFailure;
import io.undertow.client.ClientResponse;
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
    BodyReader.read(body, client.buffers(), new WholeBody(this, response, answered));
  }

  @Override
  protected void onFailure(ProviderFailure failure) {
    failed.accept(failure);
  }
}
