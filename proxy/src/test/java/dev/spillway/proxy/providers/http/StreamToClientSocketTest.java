package dev.spillway.proxy.providers.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.config.TimeoutConfig;
import dev.spillway.proxy.server.ProxyOptions;
import dev.spillway.proxy.server.ProxyServer;
import dev.spillway.proxy.streaming.SseWriter;
import dev.spillway.proxy.testing.ConfigBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A relayed stream against the client's socket, which the proxy writes without blocking: a
 * client that reads slower than the upstream sends gets every event, whole and in order, once it
 * reads (the socket refused part of a write, and the rest went out when it could take more); a
 * client that goes away mid-stream stops the upstream call (its connection is closed); a client
 * that stops reading is closed once its backlog passes {@link SseWriter#BACKLOG_MAX}, so it holds
 * a bounded part of the heap.
 */
class StreamToClientSocketTest {
  private static final String REQUEST_BODY =
      "{\"model\":\"chat\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  private RawUpstream upstream;
  private ProxyServer proxy;

  @AfterEach
  void stop() throws IOException {
    if (proxy != null) {
      proxy.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  private void start(RawUpstream.Script script) throws IOException {
    upstream = new RawUpstream(script);
    proxy = new ProxyServer(new ProxyOptions("127.0.0.1", 0, 64 * 1024), ref -> Optional.empty());
    proxy.start();
    proxy.configSink().accept(ConfigBuilder.create()
        .account("a", upstream.baseUrl(), TimeoutConfig.DEFAULTS, null)
        .model("chat", m -> m.target("a", "gpt-4o"))
        .build());
  }

  private static String event(int n, String text) {
    return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
        + n + " " + text + "\"}}]}\n\n";
  }

  /**
   * About 4 KB of words no other event has (2,000 events: 8 MB, far more than the sockets' buffers
   * hold); distinct, so the default repetition check passes the answer.
   */
  private static String words(int n) {
    StringBuilder text = new StringBuilder();
    for (int k = 0; k < 400; k++) {
      text.append('w').append(n).append('_').append(k).append(' ');
    }
    return text.toString();
  }

  /** A stream of {@code events} events of {@link #words}, then {@code [DONE]}; {@code allSent} once all is written. */
  private static RawUpstream.Script wordyStream(int events, CountDownLatch allSent) {
    return (connection, index, out) -> {
      streamHead(out);
      for (int n = 0; n < events; n++) {
        RawUpstream.chunk(out, event(n, words(n)));
      }
      RawUpstream.chunk(out, "data: [DONE]\n\n");
      RawUpstream.write(out, "0\r\n\r\n");
      allSent.countDown();
    };
  }

  private static void streamHead(OutputStream out) throws IOException {
    RawUpstream.write(out, "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n");
  }

  /** A client socket with the chat request sent; {@code receiveBuffer} 0 leaves the system's size. */
  private Socket ask(int receiveBuffer) throws IOException {
    Socket socket = new Socket();
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer); // before connecting: it sizes the TCP window
    }
    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), proxy.port()));
    socket.setSoTimeout(20_000);
    byte[] body = REQUEST_BODY.getBytes(StandardCharsets.UTF_8);
    OutputStream out = socket.getOutputStream();
    out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\ncontent-type: application/json\r\n"
        + "content-length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
    return socket;
  }

  @Test
  void aClientReadingSlowerThanTheUpstreamGetsEveryEventWholeAndInOrder() throws Exception {
    int events = 2_000;
    CountDownLatch allSent = new CountDownLatch(1);
    start(wordyStream(events, allSent));

    try (Socket client = ask(8 * 1024)) {
      // Nothing read until the upstream is done: the proxy's writes to this client back up meanwhile.
      assertThat(allSent.await(20, TimeUnit.SECONDS)).isTrue();
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
      List<String> data = new ArrayList<>();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.startsWith("data: ")) {
          data.add(line.substring("data: ".length()));
          if (line.equals("data: [DONE]")) {
            break;
          }
        }
      }

      assertThat(data).hasSize(events + 1);
      for (int n = 0; n < events; n++) {
        assertThat(data.get(n)).isEqualTo(event(n, words(n)).substring("data: ".length()).strip());
      }
      assertThat(data.get(events)).isEqualTo("[DONE]");
    }
  }

  @Test
  void aClientGoneMidStreamStopsTheUpstreamCall() throws Exception {
    start((connection, index, out) -> {
      streamHead(out);
      for (int n = 0; ; n++) { // endless: only the proxy closing the connection ends it (the write fails)
        RawUpstream.chunk(out, event(n, "word"));
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // the model's pace, not a synchronisation
      }
    });

    try (Socket client = ask(0)) {
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
      String line = reader.readLine();
      while (line != null && !line.startsWith("data: ")) {
        line = reader.readLine();
      }
      assertThat(line).startsWith("data: ");
    } // the client hangs up after its first event

    assertThat(upstream.peerClosed.await(10, TimeUnit.SECONDS)).as("the upstream connection is closed").isTrue();
  }

  @Test
  void aClientThatStopsReadingIsClosedOnceItsBacklogPassesTheBound() throws Exception {
    int events = (int) (3 * SseWriter.BACKLOG_MAX / words(0).length()); // three times the bound
    CountDownLatch allSent = new CountDownLatch(1);
    start(wordyStream(events, allSent));

    try (Socket client = ask(8 * 1024)) {
      // The client reads nothing; without the bound the proxy would take the whole answer and hold it.
      assertThat(upstream.peerClosed.await(30, TimeUnit.SECONDS)).as("the upstream call is stopped").isTrue();
      assertThat(allSent.getCount()).as("the upstream could not send its whole answer").isEqualTo(1);

      List<String> lines = new ArrayList<>();
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
      try {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          lines.add(line);
        }
      } catch (IOException reset) {
        // the proxy closed the connection: what came before is what the client got
      }
      assertThat(lines).as("the stream ends without its end marker").doesNotContain("data: [DONE]");
    }
  }
}
