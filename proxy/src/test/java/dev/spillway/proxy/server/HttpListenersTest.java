package dev.spillway.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.spillway.proxy.providers.http.BufferPools;
import io.undertow.server.HttpHandler;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xnio.OptionMap;
import org.xnio.XnioWorker;

/** The ports open all together or not at all, and a port that cannot be bound is the one named. */
class HttpListenersTest {
  private static final HttpHandler NOTHING = exchange -> {};

  @Test
  void aBusySecondPortIsNamedAndTheFirstIsReleased() throws Exception {
    XnioWorker worker = ServerWorker.create();
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int first = freePort();
      int taken = busy.getLocalPort();

      PortUnavailableException failed = catchThrowableOfType(PortUnavailableException.class,
          () -> HttpListeners.open(worker, BufferPools.direct(BufferPools.SERVER_BUFFER_BYTES), "127.0.0.1",
              OptionMap.EMPTY, List.of(new HttpListeners.Port(first, NOTHING), new HttpListeners.Port(taken, NOTHING))));

      assertThat(failed).isNotNull();
      assertThat(failed.port()).isEqualTo(taken);
      assertThat(failed).hasMessageStartingWith("cannot listen on 127.0.0.1:" + taken + ": ");
      // The first port was opened, then closed again when the second failed: it is free.
      try (ServerSocket again = new ServerSocket(first, 1, InetAddress.getLoopbackAddress())) {
        assertThat(again.getLocalPort()).isEqualTo(first);
      }
    } finally {
      worker.shutdownNow();
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
