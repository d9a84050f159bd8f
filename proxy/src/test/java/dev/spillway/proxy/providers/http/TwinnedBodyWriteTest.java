package dev.spillway.proxy.providers.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.http.Json;
import dev.spillway.proxy.passthrough.DirectTwin;
import dev.spillway.proxy.passthrough.ObjectReading;
import dev.spillway.proxy.passthrough.SplicedBytes;
import dev.spillway.proxy.passthrough.SplicedObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioIoThread;
import org.xnio.XnioWorker;

/**
 * The upstream request body written from the IO thread's direct twin of the client's body, and
 * from the array once the twin holds another body: the upstream only ever gets the call's bytes.
 */
class TwinnedBodyWriteTest {
  private final ExecutorService blocking = Executors.newSingleThreadExecutor();
  private XnioWorker worker;
  private XnioIoThread thread;
  private EventLoopTransport transport;
  private ServerSocket upstream;
  private final CountDownLatch readBody = new CountDownLatch(1);
  private final CountDownLatch headRead = new CountDownLatch(1);
  private final AtomicReference<byte[]> received = new AtomicReference<>();

  @BeforeEach
  void start() throws IOException {
    worker = Xnio.getInstance().createWorker(OptionMap.create(Options.WORKER_IO_THREADS, 1));
    thread = worker.getIoThread(0);
    EventLoopClient client = new EventLoopClient(blocking, UpstreamLimits.DEFAULTS);
    client.start(worker);
    transport = new EventLoopTransport(client, 30_000);
    upstream = new ServerSocket();
    upstream.setReceiveBufferSize(4_096); // a small window: a long body is not taken in one write
    upstream.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread serve = new Thread(this::serveOne, "twin-upstream");
    serve.setDaemon(true);
    serve.start();
  }

  @AfterEach
  void stop() throws IOException {
    upstream.close();
    worker.shutdownNow();
    blocking.shutdownNow();
  }

  /** One request: its head, then (once let) its body of Content-Length bytes, then a 200. */
  private void serveOne() {
    try (Socket connection = upstream.accept()) {
      InputStream in = connection.getInputStream();
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        head.append((char) in.read());
      }
      headRead.countDown();
      readBody.await();
      String length = head.toString().toLowerCase().split("content-length: *")[1].split("\r\n")[0];
      received.set(in.readNBytes(Integer.parseInt(length.trim())));
      OutputStream out = connection.getOutputStream();
      out.write("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      // Open until the client closes: closing first could reset the connection under the answer.
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException | InterruptedException closed) {
      // the test is over
    }
  }

  private <T> T onTheIoThread(Callable<T> task) throws Exception {
    CompletableFuture<T> done = new CompletableFuture<>();
    thread.execute(() -> {
      try {
        done.complete(task.call());
      } catch (Exception e) {
        done.completeExceptionally(e);
      }
    });
    return done.get(10, TimeUnit.SECONDS);
  }

  /** Reads {@code sent} through this IO thread's twin as the request body reader does; the body's array. */
  private static byte[] readThroughTheTwin(byte[] sent) throws IOException {
    Object body = new Object();
    DirectTwin twin = DirectTwin.claim(body, sent.length);
    byte[] array = new byte[sent.length];
    var channel = Channels.newChannel(new ByteArrayInputStream(sent));
    for (int at = 0; at < sent.length; ) {
      at += twin.read(body, channel, array, at, sent.length - at);
    }
    twin.finished(body, array);
    return array;
  }

  private CompletableFuture<String> send(byte[] body) {
    return send(SplicedBytes.of(body));
  }

  private CompletableFuture<String> send(SplicedBytes body) {
    UpstreamRequest request = UpstreamRequest.postJson(
        URI.create("http://127.0.0.1:" + upstream.getLocalPort() + "/v1/chat/completions"), body).build();
    return transport.send(request, r -> r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8));
  }

  private static byte[] letters(int length, char letter) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) letter);
    return bytes;
  }

  @Test
  void aBodyTheTwinHoldsGoesUpstreamFromTheTwin() throws Exception {
    byte[] sent = letters(DirectTwin.MIN * 4, 'x');
    readBody.countDown();

    CompletableFuture<String> answer = onTheIoThread(() -> {
      byte[] array = readThroughTheTwin(sent);
      // Only the twin still has the x's: what reaches the upstream says which was written.
      Arrays.fill(array, (byte) 'y');
      return send(array);
    });

    assertThat(answer.get(20, TimeUnit.SECONDS)).isEqualTo("200 ok");
    assertThat(received.get()).isEqualTo(sent);
  }

  @Test
  void aRenamedBodyGoesUpstreamAsPiecesItsPromptFromTheTwin() throws Exception {
    String prompt = "x".repeat(DirectTwin.MIN * 4);
    byte[] sent = ("{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}")
        .getBytes(StandardCharsets.UTF_8);
    readBody.countDown();

    CompletableFuture<String> answer = onTheIoThread(() -> {
      byte[] array = readThroughTheTwin(sent);
      ObjectNode shaped = SplicedObject.shallowCopy(ObjectReading.keepingLongText(Json.MAPPER).read(array).orElseThrow());
      shaped.put("model", "gpt-4o");
      SplicedBytes pieces = SplicedObject.pieces(shaped, Json.MAPPER);
      // Only the twin still has the x's: the prompt's piece must be written from it, not assembled
      // into a new array (which would copy the y's) nor taken from the client's array.
      Arrays.fill(array, (byte) 'y');
      return send(pieces);
    });

    assertThat(answer.get(20, TimeUnit.SECONDS)).isEqualTo("200 ok");
    assertThat(new String(received.get(), StandardCharsets.UTF_8))
        .isEqualTo("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}");
  }

  @Test
  void aWriteStillGoingWhenAnotherBodyTakesTheTwinGoesOnFromItsArray() throws Exception {
    byte[] first = letters(DirectTwin.MAX, 'a');

    CompletableFuture<String> answer = onTheIoThread(() -> send(readThroughTheTwin(first)));
    // The head went out with the body's first bytes (one gathering write, from the twin); the
    // upstream takes nothing more for now, and four megabytes do not fit the sockets' buffers.
    assertThat(headRead.await(10, TimeUnit.SECONDS)).isTrue();
    // Another long body arrives on the same IO thread meanwhile and fills the twin with its own bytes.
    onTheIoThread(() -> readThroughTheTwin(letters(DirectTwin.MAX, 'b')));
    readBody.countDown();

    assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo("200 ok");
    assertThat(received.get()).hasSize(first.length).isEqualTo(first);
  }
}
