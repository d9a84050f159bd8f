package dev.spillway.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.bench.mock.MockUpstream;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stream generators against the real mock: every stream counted, first tokens timed, [DONE] seen. */
class StreamsTest {
  private MockUpstream mock;
  private Target target;

  @BeforeEach
  void startMock() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    mock = new MockUpstream(port, Duration.ofMillis(20));
    mock.start();
    target = new Target("direct", port, "/v1/chat/completions", Map.of("Authorization", "Bearer test"));
  }

  @AfterEach
  void stopMock() {
    mock.close();
  }

  @Test
  void concurrentStreamsAllEndWithDoneAndAreSampledWhileOpen() throws Exception {
    AtomicBoolean sampled = new AtomicBoolean();
    Streams.Result result = Streams.concurrent(target, 100, 5, 1_000, () -> sampled.set(true));

    assertThat(result.ok()).isEqualTo(100);
    assertThat(result.errors()).isZero();
    assertThat(result.firstToken().getTotalCount()).isEqualTo(100);
    assertThat(result.openLateness().getTotalCount()).isEqualTo(100);
    assertThat(sampled).isTrue();
  }

  @Test
  void sequentialStreamsReadOneTokenAnswersWithAContentLength() {
    Streams.Result result = Streams.sequential(target, 20);

    assertThat(result.ok()).isEqualTo(20);
    assertThat(result.errorKinds()).isEmpty();
    assertThat(result.firstToken().getMinValue()).isPositive();
  }

  @Test
  void aFailingPathCountsItsStatus() throws Exception {
    Target down = new Target("down", target.port(), "/fail503/v1/chat/completions", target.headers());

    assertThat(Streams.concurrent(down, 10, 2, 1_000, () -> { }).errorKinds()).containsEntry("status 503", 10L);
    assertThat(Streams.sequential(down, 3).errorKinds()).containsEntry("status 503", 3L);
  }
}
