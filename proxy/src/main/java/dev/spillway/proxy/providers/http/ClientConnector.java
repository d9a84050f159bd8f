package dev.spillway.proxy.providers.http;

import io.undertow.client.ClientConnection;
import io.undertow.client.UndertowClient;
import io.undertow.connector.ByteBufferPool;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetSocketAddress;
import java.net.URI;
import org.xnio.FutureResult;
import org.xnio.IoFuture;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.StreamConnection;
import org.xnio.XnioIoThread;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens cleartext upstream connections as Undertow's client does for {@code http:} (its
 * HttpClientProvider: a stream connection on the IO thread, then an HTTP/1.1 client connection
 * over it), with {@link QuietWakeups} laid under the client's own layers.
 *
 * <p>Why not {@link UndertowClient#connect}: it builds the client connection inside, with no hook
 * between the socket and the HTTP layer. The client connection's constructor is package-private,
 * so it is called through a method handle. Should a later Undertow not have it, connections open
 * through {@link UndertowClient} as before (one EAGAIN read a call more), said once at start.
 */
final class ClientConnector {
  private static final Logger LOG = LoggerFactory.getLogger(ClientConnector.class);
  private static final MethodHandle NEW_CONNECTION = httpClientConnection();

  private final ByteBufferPool buffers;
  private final OptionMap options;

  ClientConnector(ByteBufferPool buffers, OptionMap options) {
    this.buffers = buffers;
    this.options = options;
  }

  /** True when connections get {@link QuietWakeups}; false on an Undertow without the constructor. */
  static boolean quiet() {
    return NEW_CONNECTION != null;
  }

  /** Opens a connection to {@code target}'s host and port on {@code thread}; cancelling the future aborts the connect. */
  IoFuture<ClientConnection> connect(URI target, XnioIoThread thread) {
    if (NEW_CONNECTION == null) {
      return UndertowClient.getInstance().connect(target, thread, buffers, options);
    }
    FutureResult<ClientConnection> result = new FutureResult<>(thread);
    IoFuture<StreamConnection> opening =
        thread.openStreamConnection(
            new InetSocketAddress(target.getHost(), target.getPort() == -1 ? 80 : target.getPort()),
            connection -> opened(connection, result),
            options);
    opening.addNotifier(
        (IoFuture<? extends StreamConnection> future, FutureResult<ClientConnection> into) -> {
          if (future.getStatus() == IoFuture.Status.FAILED) {
            into.setException(future.getException());
          } else if (future.getStatus() == IoFuture.Status.CANCELLED) {
            into.setCancelled();
          }
        },
        result);
    result.addCancelHandler(opening);
    return result.getIoFuture();
  }

  private void opened(StreamConnection connection, FutureResult<ClientConnection> result) {
    QuietWakeups.install(connection);
    ClientConnection client;
    try {
      client = (ClientConnection) NEW_CONNECTION.invokeExact(connection, options, buffers);
    } catch (Throwable e) {
      IoUtils.safeClose(connection);
      result.setException(new IOException("could not set up the HTTP connection", e));
      return;
    }
    if (!result.setResult(client)) {
      IoUtils.safeClose(client); // cancelled (the connect timeout) just as it opened
    }
  }

  private static MethodHandle httpClientConnection() {
    try {
      Class<?> type = Class.forName("io.undertow.client.http.HttpClientConnection");
      MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
      return lookup
          .findConstructor(type, MethodType.methodType(void.class, StreamConnection.class, OptionMap.class,
              ByteBufferPool.class))
          .asType(MethodType.methodType(ClientConnection.class, StreamConnection.class, OptionMap.class,
              ByteBufferPool.class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn("upstream connections open through Undertow's client ({}): one read more a call", e.toString());
      return null;
    }
  }
}
