package dev.spillway.bench.load;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * One keep-alive HTTP/1.1 connection that writes a pre-encoded request and reads the whole answer
 * (Content-Length or chunked). Hand-written on purpose: the load generator's own cost has to be a
 * small constant identical for every system, and a blocking socket with bytes encoded once is the
 * least a Java client can do per call (the JDK HttpClient adds thread hops and allocation that would
 * swamp the tens of microseconds measured here).
 */
public final class BlockingConnection implements AutoCloseable {
  private final Target target;
  private final byte[] request;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  public BlockingConnection(Target target) {
    this.target = target;
    this.request = target.encodedRequest();
  }

  /** Sends the request and reads the answer; returns the status. Reconnects when the server closed. */
  public int call() throws IOException {
    if (socket == null) {
      open();
    }
    out.write(request);
    out.flush();
    return readResponse();
  }

  private void open() throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress("127.0.0.1", target.port()), 5_000);
    socket.setSoTimeout(30_000);
    in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    out = socket.getOutputStream();
  }

  /** A streaming call's answer: status, when its first body bytes arrived (System.nanoTime), [DONE] seen. */
  public record StreamAnswer(int status, long firstBodyAt, boolean done) {}

  /**
   * Sends the (streaming) request and reads the whole SSE answer, chunked (Spillway, a long stream)
   * or with a Content-Length (the mock sends a one-token stream in one piece). The first body bytes
   * arrive with the first token: Spillway holds its headers back until then, the mock sends both at
   * once.
   */
  public StreamAnswer stream() throws IOException {
    if (socket == null) {
      open();
    }
    out.write(request);
    out.flush();
    Head head = head();
    long firstAt = 0;
    DoneMatcher done = new DoneMatcher();
    if (head.chunked) {
      for (long size = chunkSize(); size > 0; size = chunkSize()) {
        firstAt = firstAt == 0 ? System.nanoTime() : firstAt;
        feed(size, done);
        line();
      }
      line();
    } else if (head.length > 0) {
      in.mark(1);
      if (in.read() < 0) {
        close();
        throw new IOException("connection closed mid-stream by " + target.name());
      }
      firstAt = System.nanoTime();
      in.reset();
      feed(head.length, done);
    }
    if (head.close) {
      close();
    }
    return new StreamAnswer(head.code, firstAt, done.seen());
  }

  private void feed(long bytes, DoneMatcher done) throws IOException {
    for (long i = 0; i < bytes; i++) {
      int b = in.read();
      if (b < 0) {
        close();
        throw new IOException("connection closed mid-stream by " + target.name());
      }
      done.feed((byte) b);
    }
  }

  private record Head(int code, long length, boolean chunked, boolean close) {}

  private Head head() throws IOException {
    String status = line();
    int code = Integer.parseInt(status.substring(9, 12));
    HeadFields fields = new HeadFields();
    for (String header = line(); !header.isEmpty(); header = line()) {
      fields.header(header);
    }
    return new Head(code, fields.length, fields.chunked, fields.close);
  }

  private int readResponse() throws IOException {
    Head head = head();
    skipBody(head);
    return head.code;
  }

  private void skipBody(Head head) throws IOException {
    if (head.chunked) {
      for (long size = chunkSize(); size > 0; size = chunkSize()) {
        skip(size);
        line();
      }
      line();
    } else if (head.length >= 0) {
      skip(head.length);
    }
    if (head.close) {
      close();
    }
  }

  private long chunkSize() throws IOException {
    return Long.parseLong(line().split(";")[0].trim(), 16);
  }

  private void skip(long bytes) throws IOException {
    long left = bytes;
    while (left > 0) {
      long skipped = in.skip(left);
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw new IOException("connection closed mid-body");
        }
        skipped = 1;
      }
      left -= skipped;
    }
  }

  private final StringBuilder lineBuffer = new StringBuilder(128);

  private String line() throws IOException {
    lineBuffer.setLength(0);
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        close();
        throw new IOException("connection closed by " + target.name());
      }
      if (b != '\r') {
        lineBuffer.append((char) b);
      }
    }
    return lineBuffer.toString();
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
      socket = null;
    }
  }
}
