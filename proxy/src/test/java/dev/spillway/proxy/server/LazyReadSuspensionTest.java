package dev.spillway.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.proxy.providers.http.BufferPools;
import io.undertow.server.AbstractServerConnection;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xnio.OptionMap;
import org.xnio.XnioWorker;
import org.xnio.conduits.StreamSourceConduit;

/**
 * Client connections through {@link HttpListeners}: reads are suspended lazily while a request
 * runs, and what a client sends meanwhile (a pipelined request) or after (the next request on a
 * kept-alive connection) is still read, in order. Requests are held by the handler and answered
 * from the test's thread, off the IO thread, as an answer from another thread would be.
 */
class LazyReadSuspensionTest {
  private final BlockingQueue<HttpServerExchange> held = new LinkedBlockingQueue<>();
  private XnioWorker worker;
  private HttpListeners listeners;

  @BeforeEach
  void start() {
    worker = ServerWorker.create();
    listeners =
        HttpListeners.open(worker, BufferPools.direct(BufferPools.SERVER_BUFFER_BYTES), "127.0.0.1", OptionMap.EMPTY,
            List.of(new HttpListeners.Port(0, exchange -> exchange.dispatch(SameThreadExecutor.INSTANCE, () -> held.add(exchange)))));
  }

  @AfterEach
  void stop() {
    listeners.close();
    worker.shutdownNow();
  }

  private Socket connect() throws Exception {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), listeners.port(0));
    socket.setSoTimeout(10_000);
    return socket;
  }

  private static void send(Socket socket, String path) throws Exception {
    socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
  }

  private HttpServerExchange nextHeld() throws InterruptedException {
    HttpServerExchange exchange = held.poll(10, TimeUnit.SECONDS);
    assertThat(exchange).as("a request reached the handler").isNotNull();
    return exchange;
  }

  private static void answer(HttpServerExchange exchange) {
    exchange.getResponseSender().send("answer to " + exchange.getRequestPath());
  }

  /** One answer: head to the blank line, then the Content-Length body. */
  private static String readAnswer(InputStream in) throws Exception {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      assertThat(b).as("the connection is still open").isNotNegative();
      head.write(b);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    int from = text.toLowerCase().indexOf("content-length:") + "content-length:".length();
    int length = Integer.parseInt(text.substring(from, text.indexOf("\r\n", from)).trim());
    return new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
  }

  @Test
  void whileARequestRunsItsConnectionsReadsAreSuspendedWithoutLeavingTheSelector() throws Exception {
    try (Socket socket = connect()) {
      send(socket, "/one");
      HttpServerExchange running = nextHeld();

      StreamSourceConduit reads = ((AbstractServerConnection) running.getConnection()).getOriginalSourceConduit();
      assertThat(reads).isInstanceOf(LazyReadSuspension.class);
      assertThat(reads.isReadResumed()).as("Undertow suspended reads for the running request").isFalse();

      answer(running);
      assertThat(readAnswer(socket.getInputStream())).isEqualTo("answer to /one");
    }
  }

  @Test
  void theNextRequestOnAKeptAliveConnectionIsRead() throws Exception {
    try (Socket socket = connect()) {
      for (String path : List.of("/one", "/two", "/three")) {
        send(socket, path);
        answer(nextHeld());
        assertThat(readAnswer(socket.getInputStream())).isEqualTo("answer to " + path);
      }
    }
  }

  @Test
  void aRequestPipelinedWhileTheFirstRunsWaitsForItAndIsAnsweredInOrder() throws Exception {
    try (Socket socket = connect()) {
      send(socket, "/first");
      HttpServerExchange first = nextHeld();
      // Arrives while reads are suspended: the socket fires once and is suspended for real.
      send(socket, "/second");
      assertThat(held.poll(300, TimeUnit.MILLISECONDS)).as("not read before the first is answered").isNull();

      answer(first);
      assertThat(readAnswer(socket.getInputStream())).isEqualTo("answer to /first");
      answer(nextHeld());
      assertThat(readAnswer(socket.getInputStream())).isEqualTo("answer to /second");
    }
  }

  @Test
  void aClientThatClosesWhileItsRequestRunsLeavesTheServerServing() throws Exception {
    Socket gone = connect();
    send(gone, "/gone");
    HttpServerExchange orphan = nextHeld();
    gone.close(); // readable (end of stream) while reads are suspended
    answer(orphan);

    try (Socket socket = connect()) {
      send(socket, "/next");
      answer(nextHeld());
      assertThat(readAnswer(socket.getInputStream())).isEqualTo("answer to /next");
    }
  }
}
