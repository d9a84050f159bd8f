package dev.spillway.proxy.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spillway.proxy.server.ProxyOptions;
import dev.spillway.proxy.server.ProxyServer;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.OtlpReceiver;
import dev.spillway.proxy.testing.ProxyClient;
import io.undertow.Undertow;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The tracing benchmark, not part of the default suite:
 *
 * <pre>mvn -B -q -pl proxy -am test -Dtest=TracingBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dspillway.bench.tracing.seconds=60</pre>
 *
 * Two proxies in one JVM before the same upstream, one exporting every trace (ratio 1) to a real
 * OTLP/HTTP receiver and one with tracing off, loaded in alternating 5-second slices so both see the
 * same machine. Reports throughput and latency of each, and checks spans exported + dropped = 3 per
 * served call. Figures go to target/tracing-benchmark.md.
 */
@EnabledIfSystemProperty(named = "spillway.bench.tracing.seconds", matches = "\\d+")
class TracingBenchmark {
  private static final int CONNECTIONS = 16;
  private static final long SLICE_NANOS = Duration.ofSeconds(5).toNanos();
  /** A fixed answer from a bare Undertow handler: LoopbackHttpServer records every request, too costly here. */
  private static final String COMPLETION = ProxyClient.completion("ok");

  @Test
  void tracingOnVersusOff() throws Exception {
    long seconds = Long.getLong("spillway.bench.tracing.seconds");
    Undertow upstream = Undertow.builder().addHttpListener(0, "127.0.0.1")
        .setHandler(ex -> {
          ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
          ex.getResponseSender().send(COMPLETION);
        }).build();
    upstream.start();
    int upstreamPort = ((InetSocketAddress) upstream.getListenerInfo().get(0).getAddress()).getPort();
    try (OtlpReceiver receiver = OtlpReceiver.startCounting();
        ProxyServer traced = proxy(TelemetryOptions.DEFAULTS.withOtlp(receiver.endpoint(), OtlpProtocol.HTTP_PROTOBUF), upstreamPort);
        ProxyServer untraced = proxy(TelemetryOptions.DEFAULTS, upstreamPort)) {
      TracingLoad.run(traced.port(), CONNECTIONS, warm(2000)); // warm both up before measuring
      TracingLoad.run(untraced.port(), CONNECTIONS, warm(2000));
      Totals on = new Totals();
      Totals off = new Totals();
      for (long slice = 0; slice < seconds / 5; slice++) {
        on.add(TracingLoad.run(traced.port(), CONNECTIONS, forNanos(SLICE_NANOS)));
        off.add(TracingLoad.run(untraced.port(), CONNECTIONS, forNanos(SLICE_NANOS)));
      }
      ProxyClient admin = new ProxyClient(traced.adminPort());
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        traced.telemetry().flushTraces();
        PrometheusText m = new PrometheusText(admin.get("/metrics").body());
        return m.sum("spillway_trace_spans_kept_total")
            == m.sum("spillway_trace_spans_exported_total") + m.sum("spillway_trace_spans_dropped_total")
                + m.sum("spillway_trace_spans_export_failed_total");
      });
      PrometheusText m = new PrometheusText(admin.get("/metrics").body());
      double served = m.sum("spillway_requests_total", Map.of("status", "200"));
      double kept = m.sum("spillway_trace_spans_kept_total");
      double exported = m.sum("spillway_trace_spans_exported_total");
      double dropped = m.sum("spillway_trace_spans_dropped_total");
      String report = String.join("\n",
          "| mode | calls | req/s | p50 µs | p90 µs | p99 µs |",
          "| --- | ---: | ---: | ---: | ---: | ---: |",
          on.row("tracing on (ratio 1, OTLP/HTTP)"),
          off.row("tracing off"),
          "",
          String.format("Traced proxy: %.0f calls served, %.0f spans kept, %.0f exported, %.0f dropped,"
              + " %d received by the collector.", served, kept, exported, dropped, receiver.spanCount()),
          String.format("Throughput with tracing: %.1f%% of without; p50 latency +%.0f µs.",
              100 * on.perSecond() / off.perSecond(), on.micros(0.5) - off.micros(0.5)));
      System.out.println(report);
      Files.writeString(Path.of("target", "tracing-benchmark.md"), report + "\n");
      assertThat(kept).isEqualTo(served * 3);
      assertThat(exported + dropped).isEqualTo(kept);
      assertThat((double) receiver.spanCount()).isEqualTo(exported);
    } finally {
      upstream.stop();
    }
  }

  private static ProxyServer proxy(TelemetryOptions telemetry, int upstreamPort) {
    ProxyServer proxy = new ProxyServer(
        new ProxyOptions("127.0.0.1", 0, 64 * 1024, new TelemetryOptions(telemetry.otlpEndpoint(),
            telemetry.otlpProtocol(), 1.0, false, false)),
        ref -> Optional.empty());
    proxy.start();
    proxy.configSink().accept(ConfigBuilder.create()
        .account("upstream", "http://127.0.0.1:" + upstreamPort)
        .model("chat", m -> m.target("upstream", "gpt-4o"))
        .build());
    return proxy;
  }

  private static LongPredicate warm(long calls) {
    return sent -> sent < calls;
  }

  private static LongPredicate forNanos(long nanos) {
    long end = System.nanoTime() + nanos;
    return sent -> System.nanoTime() < end;
  }

  /** Results of one mode across its slices. */
  private static final class Totals {
    private long served;
    private double seconds;
    private long[] latencies = new long[0];

    void add(TracingLoad.Result result) {
      served += result.served();
      seconds += result.seconds();
      long[] merged = Arrays.copyOf(latencies, latencies.length + result.latenciesNanos().length);
      System.arraycopy(result.latenciesNanos(), 0, merged, latencies.length, result.latenciesNanos().length);
      latencies = merged;
    }

    double perSecond() {
      return served / seconds;
    }

    double micros(double q) {
      return new TracingLoad.Result(served, 0, seconds, latencies).micros(q);
    }

    String row(String mode) {
      return String.format("| %s | %d | %.0f | %.0f | %.0f | %.0f |",
          mode, served, perSecond(), micros(0.5), micros(0.9), micros(0.99));
    }
  }
}
