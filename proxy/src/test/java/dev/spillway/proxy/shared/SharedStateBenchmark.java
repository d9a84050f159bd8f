package dev.spillway.proxy.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.config.BudgetConfig;
import dev.spillway.config.LimitsConfig;
import dev.spillway.config.PricingConfig;
import dev.spillway.proxy.server.ProxyOptions;
import dev.spillway.proxy.server.ProxyServer;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.ProxyClient;
import dev.spillway.proxy.testing.RedisProcess;
import io.undertow.Undertow;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The per-call cost of shared state, not part of the default suite:
 *
 * <pre>mvn -B -q -pl proxy -am test -Dtest=SharedStateBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dspillway.bench.shared.calls=20000</pre>
 *
 * Two proxies in one JVM before the same upstream, on an account with a rate limit and a budget (the
 * case that asks Redis on every admission): one sharing through a real local redis-server, one
 * local-only. One connection each, sequential calls, in alternating slices of 500 so both see the
 * same machine. Figures go to target/shared-state-benchmark.md.
 */
@EnabledIfSystemProperty(named = "spillway.bench.shared.calls", matches = "\\d+")
class SharedStateBenchmark {
  private static final int SLICE = 500;
  /** A fixed answer from a bare Undertow handler: LoopbackHttpServer records every request, too costly here. */
  private static final String COMPLETION = ProxyClient.completion("ok");

  @Test
  void sharedVersusLocal() throws Exception {
    int calls = Integer.getInteger("spillway.bench.shared.calls");
    Undertow upstream = Undertow.builder().addHttpListener(0, "127.0.0.1")
        .setHandler(ex -> {
          ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
          ex.getResponseSender().send(COMPLETION);
        }).build();
    upstream.start();
    int upstreamPort = ((InetSocketAddress) upstream.getListenerInfo().get(0).getAddress()).getPort();
    try (RedisProcess redis = RedisProcess.start();
        ProxyServer shared = proxy(SharedStateOptions.parse(redis.url(), null, "bench"), upstreamPort);
        ProxyServer local = proxy(SharedStateOptions.LOCAL, upstreamPort)) {
      ProxyClient toShared = new ProxyClient(shared.port());
      ProxyClient toLocal = new ProxyClient(local.port());
      run(toShared, 2_000); // warm both up before measuring
      run(toLocal, 2_000);
      long[] sharedNanos = new long[0];
      long[] localNanos = new long[0];
      for (int done = 0; done < calls; done += SLICE) {
        sharedNanos = concat(sharedNanos, run(toShared, SLICE));
        localNanos = concat(localNanos, run(toLocal, SLICE));
      }
      Arrays.sort(sharedNanos);
      Arrays.sort(localNanos);
      String report = String.join("\n",
          "| mode | calls | p50 µs | p90 µs | p99 µs |",
          "| --- | ---: | ---: | ---: | ---: |",
          row("local state only", localNanos),
          row("shared state (Redis on loopback)", sharedNanos),
          "",
          String.format("Shared over local: p50 %.2fx (+%.0f µs), p99 %.2fx (+%.0f µs).",
              micros(sharedNanos, 0.5) / micros(localNanos, 0.5), micros(sharedNanos, 0.5) - micros(localNanos, 0.5),
              micros(sharedNanos, 0.99) / micros(localNanos, 0.99),
              micros(sharedNanos, 0.99) - micros(localNanos, 0.99)));
      System.out.println(report);
      Files.writeString(Path.of("target", "shared-state-benchmark.md"), report + "\n");
      assertThat(shared.engine().orElseThrow().shared().orElseThrow().up()).as("shared all along").isTrue();
    } finally {
      upstream.stop();
    }
  }

  private static ProxyServer proxy(SharedStateOptions sharedState, int upstreamPort) {
    ProxyServer proxy = new ProxyServer(new ProxyOptions("127.0.0.1", 0, 64 * 1024).withSharedState(sharedState),
        ref -> Optional.empty());
    proxy.start();
    proxy.configSink().accept(ConfigBuilder.create()
        .account("upstream", "http://127.0.0.1:" + upstreamPort, new LimitsConfig(100_000_000, 0),
            new BudgetConfig(1_000_000, "monthly", List.of(), "block"))
        .model("chat", m -> m.target("upstream", "gpt-4o", new PricingConfig(1, 1, 0)))
        .build());
    return proxy;
  }

  private static long[] run(ProxyClient client, int calls) throws Exception {
    long[] nanos = new long[calls];
    String body = ProxyClient.chatBody("chat");
    for (int i = 0; i < calls; i++) {
      long start = System.nanoTime();
      int status = client.chat(body).statusCode();
      nanos[i] = System.nanoTime() - start;
      assertThat(status).isEqualTo(200);
    }
    return nanos;
  }

  private static long[] concat(long[] a, long[] b) {
    long[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  private static double micros(long[] sorted, double q) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1_000.0;
  }

  private static String row(String mode, long[] sorted) {
    return String.format("| %s | %d | %.0f | %.0f | %.0f |", mode, sorted.length, micros(sorted, 0.5),
        micros(sorted, 0.9), micros(sorted, 0.99));
  }
}
