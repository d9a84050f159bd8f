package dev.spillway.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.undertow.Undertow;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.Xnio;
import org.xnio.XnioIoThread;
import org.xnio.XnioWorker;

/**
 * Accepted connections are spread over the IO threads by how many each serves, not at random, and
 * each is handed over on the IO thread that serves it.
 */
class BalancedAcceptorTest {
  private static final int IO_THREADS = 4;

  private XnioWorker worker;
  private BalancedAcceptor acceptor;
  private final List<StreamConnection> accepted = new CopyOnWriteArrayList<>();
  private final Map<StreamConnection, Thread> handedOverOn = new ConcurrentHashMap<>();
  private final List<Socket> clients = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    worker = Xnio.getInstance(Undertow.class.getClassLoader())
        .createWorker(OptionMap.create(Options.WORKER_IO_THREADS, IO_THREADS));
    acceptor = BalancedAcceptor.open(worker, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), connection -> {
      handedOverOn.put(connection, Thread.currentThread());
      accepted.add(connection);
    });
  }

  @AfterEach
  void stop() {
    clients.forEach(IoUtils::safeClose);
    acceptor.close();
    worker.shutdownNow();
  }

  @Test
  void sixteenConnectionsGiveEachOfFourIoThreadsFour() throws IOException {
    // XNIO's own acceptor picks a thread at random: an even 4/4/4/4 split of 16 comes up in 1.5 % of draws.
    connect(16);

    assertThat(perThread()).containsOnly(4);
    assertThat(acceptor.openConnections()).containsExactly(4, 4, 4, 4);
    for (StreamConnection connection : accepted) {
      assertThat(handedOverOn.get(connection)).isSameAs(connection.getIoThread());
    }
  }

  @Test
  void aNewConnectionGoesToTheThreadServingTheFewest() throws IOException {
    connect(8);
    XnioIoThread emptied = accepted.get(0).getIoThread();
    List<StreamConnection> onEmptied = accepted.stream().filter(c -> c.getIoThread() == emptied).toList();
    onEmptied.forEach(IoUtils::safeClose);
    accepted.removeAll(onEmptied);
    await().atMost(Duration.ofSeconds(10)).until(() -> acceptor.openConnections()[emptied.getNumber()] == 0);

    connect(2);

    assertThat(accepted.subList(accepted.size() - 2, accepted.size()))
        .allSatisfy(connection -> assertThat(connection.getIoThread()).isSameAs(emptied));
    assertThat(acceptor.openConnections()).containsOnly(2);
  }

  @Test
  void aClosedAcceptorRefusesConnectionsAndItsThreadEnds() {
    int port = acceptor.port();
    acceptor.close();

    assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
        .isInstanceOf(ConnectException.class);
    await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
        .noneMatch(thread -> thread.getName().equals("spillway-accept-" + port)));
  }

  /** Opens {@code count} connections one after another, each accepted before the next. */
  private void connect(int count) throws IOException {
    for (int i = 0; i < count; i++) {
      int before = accepted.size();
      clients.add(new Socket(InetAddress.getLoopbackAddress(), acceptor.port()));
      await().atMost(Duration.ofSeconds(10)).until(() -> accepted.size() == before + 1);
    }
  }

  private List<Integer> perThread() {
    int[] counts = new int[IO_THREADS];
    accepted.forEach(connection -> counts[connection.getIoThread().getNumber()]++);
    return Arrays.stream(counts).boxed().toList();
  }
}
