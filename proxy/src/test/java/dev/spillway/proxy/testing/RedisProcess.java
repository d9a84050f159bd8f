package dev.spillway.proxy.testing;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} (the Debian package; {@code .ci/run} installs it) on a free loopback
 * port, without persistence. {@link #stop()} and {@link #restart()} play an outage on the same port.
 * Redis needs an explicit port: a free one is found by binding port 0 and releasing it, and a start
 * that loses the race for it retries on another.
 */
public final class RedisProcess implements AutoCloseable {
  private static final String BINARY = "/usr/bin/redis-server";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

  private final int port;
  private final Path dir;
  private Process process;

  private RedisProcess(int port, Path dir) {
    this.port = port;
    this.dir = dir;
  }

  public static boolean installed() {
    return Files.isExecutable(Path.of(BINARY));
  }

  public static RedisProcess start() {
    IllegalStateException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      try {
        RedisProcess redis = new RedisProcess(freePort(), Files.createTempDirectory("spillway-redis"));
        redis.launch();
        return redis;
      } catch (IllegalStateException e) {
        last = e;
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    throw last;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private void launch() {
    try {
      process = new ProcessBuilder(List.of(BINARY, "--port", Integer.toString(port), "--bind", "127.0.0.1",
          "--save", "", "--appendonly", "no", "--dir", dir.toString()))
          .redirectErrorStream(true)
          .redirectOutput(dir.resolve("redis.log").toFile())
          .start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + BINARY, e);
    }
    try {
      await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(20))
          .until(() -> !process.isAlive() || pings());
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      process.destroyForcibly();
      throw new IllegalStateException("redis-server did not answer PING on port " + port);
    }
    if (!process.isAlive()) {
      throw new IllegalStateException("redis-server exited at start (port " + port + " taken?)");
    }
  }

  /** Whether a server answers PING on the port (a raw RESP exchange: no client library needed). */
  public boolean pings() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      socket.setSoTimeout(500);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String line = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
          .readLine();
      return "+PONG".equals(line);
    } catch (IOException e) {
      return false;
    }
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** The outage: the server goes away (its data with it: no persistence). */
  public void stop() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Back on the same port, empty. */
  public void restart() {
    launch();
  }

  @Override
  public void close() {
    stop();
  }
}
