package dev.spillway.proxy.providers.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 upstream on a raw loopback socket, for what a framework server hides: how many
 * connections were opened, answers written in pieces, connections dropped while idle or mid-answer.
 * Each connection is served on its own thread; {@link Script} decides every answer.
 */
final class RawUpstream implements AutoCloseable {
  /** Writes the answer to the {@code index}-th request on connection {@code connection} (both from 0). */
  interface Script {
    void answer(int connection, int index, OutputStream out) throws IOException, InterruptedException;
  }

  /** Thrown by a script to close the connection after (or instead of) answering. */
  static final class Close extends IOException {}

  private final ServerSocket socket;
  private final Script script;
  private final AtomicInteger connections = new AtomicInteger();
  private final List<String> requestLines = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  /** Counted down each time the proxy side closes a connection (read sees end of stream). */
  final CountDownLatch peerClosed = new CountDownLatch(1);

  RawUpstream(Script script) throws IOException {
    this.script = script;
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "raw-upstream-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + socket.getLocalPort();
  }

  int connections() {
    return connections.get();
  }

  List<String> requestLines() {
    return requestLines;
  }

  static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  static void json(OutputStream out, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    write(out, "HTTP/1.1 " + status + " X\r\ncontent-type: application/json\r\ncontent-length: " + bytes.length + "\r\n\r\n");
    out.write(bytes);
    out.flush();
  }

  /** One chunk of a chunked body. */
  static void chunk(OutputStream out, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    write(out, Integer.toHexString(bytes.length) + "\r\n");
    out.write(bytes);
    write(out, "\r\n");
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        open.add(connection);
        int id = connections.getAndIncrement();
        Thread serve = new Thread(() -> serve(connection, id), "raw-upstream-" + id);
        serve.setDaemon(true);
        serve.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket connection, int id) {
    try (connection) {
      InputStream in = connection.getInputStream();
      OutputStream out = connection.getOutputStream();
      for (int index = 0; ; index++) {
        String head = readHead(in);
        if (head == null) {
          peerClosed.countDown();
          return;
        }
        requestLines.add(head.substring(0, head.indexOf('\r')));
        in.readNBytes(contentLength(head));
        script.answer(id, index, out);
      }
    } catch (Close | InterruptedException done) {
      // the script closes the connection
    } catch (IOException broken) {
      peerClosed.countDown();
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      head.write(b);
      if (head.size() >= 4 && head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        return head.toString(StandardCharsets.ISO_8859_1);
      }
    }
    return null;
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    return 0;
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket s : open) {
      s.close();
    }
  }
}
