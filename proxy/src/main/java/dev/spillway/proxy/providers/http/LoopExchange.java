package dev.spillway.proxy.providers.http;

import dev.spillway.proxy.bounds.ProgressWatch;
import dev.spillway.proxy.passthrough.DirectTwin;
import dev.spillway.proxy.passthrough.SplicedBytes;
import dev.spillway.proxy.providers.ProviderFailure;
import io.undertow.client.ClientCallback;
import io.undertow.client.ClientConnection;
import io.undertow.client.ClientExchange;
import io.undertow.client.ClientRequest;
import io.undertow.client.ClientResponse;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.xnio.ChannelListener;
import org.xnio.IoFuture;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.channels.StreamSourceChannel;

/**
 * One request over the {@link EventLoopClient}, start to end on one IO thread: take a kept-alive
 * connection or open one (with the account's connect timeout), write the request, then hand the
 * answer to the subclass. Exactly one of the subclass's ends is called, and none once cancelled.
 *
 * <p>Every field is touched only on {@link #thread} except {@link #cancelled}.
 *
 * <p>The request (its body is the prompt: kilobytes to megabytes) is let go once the answer's head
 * has arrived, when it can no longer be sent again: a stream stays open for minutes, and holding
 * every open stream's prompt would make the heap per stream grow with the conversation.
 */
abstract class LoopExchange {
  protected final EventLoopClient client;
  protected final XnioIoThread thread;
  /** Null once answered: nothing is resent after that. */
  private UpstreamRequest request;
  private final long connectMs;
  private final String origin;
  private final IdleConnections idle;
  private ClientConnection connection;
  private boolean reused;
  private boolean retried;
  private boolean answered;
  private boolean finished;
  private volatile boolean cancelled;
  private ProgressWatch watch;

  LoopExchange(EventLoopClient client, XnioIoThread thread, UpstreamRequest request, long connectMs) {
    this.client = client;
    this.thread = thread;
    this.request = request;
    this.connectMs = connectMs;
    this.origin = request.uri().getHost() + ":" + port(request.uri());
    this.idle = client.idle(thread);
  }

  /** The answer's head arrived; read {@code body} with a {@link BodyReader} and end with {@link #done}. */
  protected abstract void onResponse(ClientResponse response, StreamSourceChannel body);

  /** The exchange failed before its answer was complete. */
  protected abstract void onFailure(ProviderFailure failure);

  /**
   * Starts the exchange. Always queued on the IO thread, even from the IO thread itself, so no
   * callback ever runs inside the caller's own call.
   */
  final void start() {
    thread.execute(this::begin);
  }

  /** Aborts from any thread: the connection is closed (a half-read answer cannot be reused) and no callback follows. */
  final void cancel() {
    cancelled = true;
    onThread(this::abort);
  }

  protected final boolean cancelled() {
    return cancelled;
  }

  /** True once the exchange has ended, in any way. */
  protected final boolean finished() {
    return finished;
  }

  private void begin() {
    if (finished || cancelled) {
      return;
    }
    ClientConnection pooled = idle.take(origin, System.nanoTime());
    if (pooled != null) {
      send(pooled, true);
    } else {
      connect();
    }
  }

  private void connect() {
    client.resolver().resolve(
        request.uri().getHost(),
        address -> onThread(() -> open(address)),
        unknown -> onThread(() -> fail(ProviderFailure.connect("unknown host"))));
  }

  private void open(String address) {
    if (finished) {
      return;
    }
    URI target = URI.create("http://" + address + ":" + port(request.uri()));
    IoFuture<ClientConnection> opening = client.connector().connect(target, thread);
    XnioExecutor.Key timer =
        thread.executeAfter(
            () -> {
              if (opening.getStatus() == IoFuture.Status.WAITING) {
                opening.cancel();
                fail(Failures.connectTimeout());
              }
            },
            connectMs,
            TimeUnit.MILLISECONDS);
    opening.addNotifier(
        (IoFuture<? extends ClientConnection> future, Object ignored) ->
            onThread(() -> {
              timer.remove();
              opened(future);
            }),
        null);
  }

  private void opened(IoFuture<? extends ClientConnection> future) {
    switch (future.getStatus()) {
      case DONE -> {
        ClientConnection fresh = uncheckedGet(future);
        fresh.addCloseListener(closed -> idle.closed(origin, closed));
        if (finished) {
          // Cancelled while connecting: the connection is good, keep it for the next call.
          idle.offer(origin, fresh, System.nanoTime());
        } else {
          send(fresh, false);
        }
      }
      case FAILED -> fail(Failures.of(future.getException()));
      default -> {
        // CANCELLED: the connect timer or a cancel already ended the exchange.
      }
    }
  }

  private static ClientConnection uncheckedGet(IoFuture<? extends ClientConnection> done) {
    try {
      return done.get();
    } catch (IOException impossible) {
      throw new IllegalStateException("a DONE future has a value", impossible);
    }
  }

  private void send(ClientConnection on, boolean pooled) {
    connection = on;
    reused = pooled;
    ClientRequest head =
        new ClientRequest().setMethod(Methods.fromString(request.method())).setPath(request.pathAndQuery());
    HeaderMap headers = head.getRequestHeaders();
    headers.put(Headers.HOST, hostHeader(request.uri()));
    request.headers().forEach((name, value) -> headers.put(HttpString.tryFromString(name), value));
    // Also on a GET or DELETE (0): the client would otherwise announce a chunked body.
    headers.put(Headers.CONTENT_LENGTH, request.content().length());
    on.sendRequest(head, new Attempt(on));
  }

  /**
   * The callbacks of the request on one connection. Closing a connection calls some of them back
   * at once (inside the close), and a retried exchange has a newer connection: callbacks of any
   * connection but the current one are ignored.
   */
  private final class Attempt implements ClientCallback<ClientExchange> {
    private final ClientConnection on;
    private int bodyWritten;

    Attempt(ClientConnection on) {
      this.on = on;
    }

    private boolean current() {
      return !finished && connection == on;
    }

    /** The connection is ready for the request body. */
    @Override
    public void completed(ClientExchange exchange) {
      if (!current()) {
        return;
      }
      exchange.setResponseListener(new ClientCallback<>() {
        @Override
        public void completed(ClientExchange response) {
          if (!current()) {
            return;
          }
          answered = true;
          request = null;
          try {
            onResponse(response.getResponse(), response.getResponseChannel());
          } catch (RuntimeException e) {
            fail(Failures.of(e));
          }
          // Armed only when the body did not arrive with the head: a plain answer usually does,
          // is read whole inside onResponse, and then costs no timer (as RequestBodyReader does).
          if (!finished) {
            watchBody();
          }
        }

        @Override
        public void failed(IOException e) {
          ioFailed(on, e);
        }
      });
      writeBody(exchange.getRequestChannel(), request.content());
    }

    @Override
    public void failed(IOException e) {
      ioFailed(on, e);
    }

    /**
     * Writes {@code body}, its pieces gathered in each write; the client's bytes among them from
     * this IO thread's {@link DirectTwin} while it holds them (no JDK copy into a temporary direct
     * buffer), else from their array at the same offset ({@link SplicedBytes#buffers}).
     */
    private void writeBody(StreamSinkChannel channel, SplicedBytes body) {
      ChannelListener<StreamSinkChannel> writer = sink -> {
        try {
          while (bodyWritten < body.length()) {
            ByteBuffer[] pieces = body.buffers(bodyWritten);
            // One buffer through the single write: Undertow's request conduit gathers the request
            // head with it into one writev, where its array write sends the head on its own first.
            long count = pieces.length == 1 ? sink.write(pieces[0]) : sink.write(pieces);
            if (count == 0) {
              sink.resumeWrites();
              return;
            }
            bodyWritten += (int) count; // at most the body's length, an int
          }
          sink.shutdownWrites();
          if (!sink.flush()) {
            sink.resumeWrites();
            return;
          }
          sink.suspendWrites();
          sink.getWriteSetter().set(null); // the listener holds the body: no longer needed
        } catch (IOException e) {
          ioFailed(on, e);
        }
      };
      channel.getWriteSetter().set(writer);
      writer.handleEvent(channel);
    }
  }

  /** A broken connection. A kept-alive one the peer closed before answering is retried once on a fresh one. */
  private void ioFailed(ClientConnection broken, IOException e) {
    if (finished || broken != connection) {
      return;
    }
    connection = null;
    hardClose(broken);
    // The peer may close an idle kept-alive connection just as it is reused (uvicorn, vLLM's
    // server, closes them after 5 s); the request never reached it, so a new connection is the
    // right answer, as every pooling HTTP client does. Once anything was answered, never resend.
    if (reused && !answered && !retried) {
      retried = true;
      reused = false;
      connect();
      return;
    }
    fail(Failures.of(e));
  }

  /** Fails the exchange when its body stops arriving for the idle limit (timer on this IO thread). */
  private void watchBody() {
    long idleMs = client.limits().bodyIdleMs();
    watch = new ProgressWatch(idleMs, (task, delayNanos) -> {
      XnioExecutor.Key key = thread.executeAfter(task, delayNanos, TimeUnit.NANOSECONDS);
      return key::remove;
    }, () -> fail(ProgressWatch.stalled(idleMs)));
    watch.start();
  }

  /** Body bytes arrived (sinks call this per read): the idle clock starts over. */
  protected final void progressed() {
    if (watch != null) {
      watch.progressed();
    }
  }

  private void stopWatch() {
    if (watch != null) {
      watch.stop();
    }
  }

  /** Reading the body broke: the connection (retried like any break), or the subclass's own handling threw. */
  protected final void bodyFailed(Exception e) {
    if (e instanceof IOException broken) {
      ioFailed(connection, broken);
    } else {
      fail(Failures.of(e));
    }
  }

  /** The answer was read whole: the connection serves the next call on this thread. */
  protected final void done() {
    finished = true;
    stopWatch();
    idle.offer(origin, connection, System.nanoTime());
  }

  protected final void fail(ProviderFailure failure) {
    if (finished) {
      return;
    }
    finished = true;
    stopWatch();
    hardClose(connection); // a callback it causes sees the exchange finished
    if (!cancelled) {
      onFailure(failure);
    }
  }

  private void abort() {
    if (!finished) {
      finished = true;
      stopWatch();
      hardClose(connection);
    }
  }

  /**
   * Closes a connection at once. Undertow's own close() is a clean close: it waits for the peer to
   * finish sending first, which a hanging or still-streaming upstream never does, so a cancelled
   * hedge would keep the provider generating (and billing) until its answer ends. Taking the raw
   * connection from the client (performUpgrade) and closing that drops it now.
   */
  private static void hardClose(ClientConnection connection) {
    if (connection == null) {
      return;
    }
    try {
      IoUtils.safeClose(connection.performUpgrade());
    } catch (IOException alreadyClosed) {
      IoUtils.safeClose(connection);
    }
  }

  private void onThread(Runnable task) {
    if (Thread.currentThread() == thread) {
      task.run();
    } else {
      thread.execute(task);
    }
  }

  /** Response headers as the adapters read them (case-insensitive, JDK type). */
  static HttpHeaders headers(HeaderMap map) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    for (HeaderValues values : map) {
      copy.put(values.getHeaderName().toString(), new ArrayList<>(values));
    }
    return HttpHeaders.of(copy, (name, value) -> true);
  }

  private static int port(URI uri) {
    return uri.getPort() != -1 ? uri.getPort() : 80;
  }

  private static String hostHeader(URI uri) {
    return uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
  }
}
