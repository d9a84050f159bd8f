package dev.spillway.proxy.telemetry.tracing;

import static dev.spillway.proxy.telemetry.tracing.SpanKeys.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.undertow.Undertow;
import java.net.InetSocketAddress;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.function.LongSupplier;
import dev.spillway.proxy.telemetry.tracing.otlp.HttpSpanExport;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What exporting a traced call costs, in process, not part of the default suite:
 *
 * <pre>mvn -B -q -pl proxy -am test -Dtest=ExportCostBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dspillway.bench.export.seconds=60</pre>
 *
 * The three spans of the benchmark's plain call (server, route with one scored candidate, attempt:
 * the attributes a real call sets) at 5,000 calls a second, exported over OTLP/HTTP to a loopback
 * receiver that reads every request, in requests of {@link ExportBatch#WITHOUT_CONTENT}, two ways
 * in alternating 5-second slices: the SDK's batch processor and {@code OtlpHttpSpanExporter} (its
 * marshaler); and the proxy's {@link HttpSpanExport} (each span encoded as it ends and queued as
 * bytes, requests sent from the queue's buffers). Reports CPU per call of each
 * thread group from /proc (JIT compiler threads left out), which does not depend on how busy the
 * machine is the way throughput does; checks no span was dropped. Figures go to
 * target/export-cost-benchmark.md.
 */
@EnabledIfSystemProperty(named = "spillway.bench.export.seconds", matches = "\\d+")
class ExportCostBenchmark {
  private static final int CALLS_PER_MS = 5;
  private static final long SLICE_NANOS = Duration.ofSeconds(5).toNanos();
  private static final List<String> CANDIDATES_ONE = List.of("mock/gpt-4o-mini");

  @Test
  void exportCostPerCallOfBothEncodings() throws Exception {
    Thread.currentThread().setName("calls");
    // Reads each request whole and answers 200, as the bench's mock does: a real collector also
    // decodes (OtlpReceiver: ~3x the exporter's CPU a call), which is the collector's cost, not the proxy's.
    Undertow receiver = Undertow.builder().addHttpListener(0, "127.0.0.1").setIoThreads(1)
        .setHandler(exchange -> exchange.getRequestReceiver().receivePartialBytes((ex, bytes, last) -> {
          if (last) {
            ex.getResponseSender().send("");
          }
        })).build();
    receiver.start();
    String endpoint = "http://127.0.0.1:" + ((InetSocketAddress) receiver.getListenerInfo().get(0).getAddress()).getPort();
    SdkSpanMetrics sdkDropped = new SdkSpanMetrics();
    try (SdkMeterProvider meters = SdkMeterProvider.builder().registerMetricReader(sdkDropped).build()) {
      String traces = endpoint + "/v1/traces";
      Resource resource = Resource.getDefault();
      InstrumentationScopeInfo scope = InstrumentationScopeInfo.create("dev.spillway.proxy");
      HttpSpanExport ours = ExportBatch.WITHOUT_CONTENT.http(traces, resource, scope);
      List<Way> ways = List.of(
          new Way("the SDK's batch processor and OtlpHttpSpanExporter (its marshaler)", ExportBatch.WITHOUT_CONTENT
              .processor(OtlpHttpSpanExporter.builder().setEndpoint(traces).build(), meters), sdkDropped::droppedSpans),
          new Way("HttpSpanExport (encoded as each span ends, queued as bytes)", ours, ours::dropped));
      Map<String, Map<String, Long>> cpu = new LinkedHashMap<>();
      Map<String, Long> calls = new LinkedHashMap<>();
      long allCalls = 0;
      long droppedInWarmUp = 0;
      long slices = Long.getLong("spillway.bench.export.seconds") / 5 / ways.size();
      for (long slice = -1; slice < slices; slice++) { // slice -1: warm-up, not counted
        for (Way way : ways) {
          SpanPipeline pipeline = new SpanPipeline(resource, scope, way.processor());
          Map<String, Long> before = threadTicks();
          long made = run(pipeline);
          allCalls += made;
          way.processor().forceFlush().join(10, TimeUnit.SECONDS);
          Map<String, Long> after = threadTicks();
          if (slice == -1) {
            droppedInWarmUp = dropped(ways); // the exporter's first requests, interpreted, fall behind
          }
          if (slice >= 0) {
            calls.merge(way.name(), made, Long::sum);
            after.forEach((group, ticks) ->
                cpu.computeIfAbsent(way.name(), k -> new TreeMap<>()).merge(group, ticks - before.getOrDefault(group, 0L), Long::sum));
          }
        }
      }
      StringBuilder report = new StringBuilder("| export | thread | CPU a call (µs) |\n| --- | --- | ---: |\n");
      cpu.forEach((name, groups) -> {
        double sum = 0;
        for (Map.Entry<String, Long> group : groups.entrySet()) {
          double micros = group.getValue() * 10_000.0 / calls.get(name);
          if (micros >= 0.05) {
            report.append(String.format("| %s | %s | %.2f |%n", name, group.getKey(), micros));
          }
          sum += micros;
        }
        report.append(String.format("| %s | **all** | **%.2f** |%n", name, sum));
      });
      long droppedMeasured = dropped(ways) - droppedInWarmUp;
      report.append(String.format("%n%,d calls, %,d spans; dropped by a full queue while measured: %d (in the warm-up: %d).%n",
          allCalls, allCalls * 3, droppedMeasured, droppedInWarmUp));
      System.out.println(report);
      Files.writeString(Path.of("target", "export-cost-benchmark.md"), report.toString());
      assertThat(droppedMeasured).isZero(); // the figures are of every span exported
      ways.forEach(way -> way.processor().shutdown().join(10, TimeUnit.SECONDS));
    } finally {
      receiver.stop();
    }
  }

  /** One way of exporting: where ended spans go, and the spans it dropped so far. */
  private record Way(String name, SpanProcessor processor, LongSupplier dropped) {}

  private static long dropped(List<Way> ways) {
    return ways.stream().mapToLong(way -> way.dropped().getAsLong()).sum();
  }

  /** One slice: CALLS_PER_MS calls every millisecond, parked in between; returns the calls made. */
  private static long run(SpanPipeline pipeline) {
    long start = System.nanoTime();
    long next = start;
    long made = 0;
    while (System.nanoTime() - start < SLICE_NANOS) {
      for (int i = 0; i < CALLS_PER_MS; i++) {
        call(pipeline);
      }
      made += CALLS_PER_MS;
      next += 1_000_000;
      LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
    }
    return made;
  }

  /** The spans and attributes of the benchmark's plain call, as an OTLP receiver got them. */
  private static void call(SpanPipeline p) {
    long now = p.now();
    RecordedSpan server = p.startRoot("POST /v1/chat/completions", SpanKind.SERVER, now)
        .set(HTTP_METHOD, "POST").set(URL_PATH, "/v1/chat/completions")
        .set(MODEL, "gpt-4o-mini").set(POLICY, "default").set(STREAM, false).set(CONFIG_VERSION, "a7c7ba4b37d2");
    RecordedSpan route = p.startChild("route default", SpanKind.INTERNAL, server, now)
        .set(POLICY, "default").set(MODEL, "gpt-4o-mini").set(CANDIDATES, CANDIDATES_ONE)
        .set(MAX_ATTEMPTS, 2147483647L).set(CHOICE, "mock/gpt-4o-mini").set(REASON, "primary, best score");
    route.event("candidate", new SpanAttributes(12).put(CANDIDATE, "mock/gpt-4o-mini").put(RANK, 0L).put(TIER, 1L)
        .put(SCORE, 0.93).put(SCORE_HEALTH, 1.0).put(SCORE_LATENCY, 0.8).put(SCORE_QUALITY, 1.0)
        .put(SCORE_COST, 0.5).put(SCORE_HEADROOM, 1.0).put(STANDING, "eligible").put(CIRCUIT, "CLOSED"), now);
    route.end(p.now());
    RecordedSpan attempt = p.startChild("chat gpt-4o-mini", SpanKind.CLIENT, server, p.now())
        .set(GEN_AI_OPERATION, "chat").set(GEN_AI_PROVIDER, "openai_compatible").set(GEN_AI_REQUEST_MODEL, "gpt-4o-mini")
        .set(ACCOUNT, "mock").set(TARGET, "mock/gpt-4o-mini").set(TIER, 1L).set(FALLBACK_DEPTH, 0L)
        .set(SERVER_ADDRESS, "127.0.0.1").set(SERVER_PORT, 53535L).set(GEN_AI_MAX_TOKENS, 16L)
        .set(GEN_AI_RESPONSE_ID, "chatcmpl-bench").set(GEN_AI_RESPONSE_MODEL, "gpt-4o-mini")
        .set(GEN_AI_FINISH_REASONS, List.of("stop")).set(GEN_AI_INPUT_TOKENS, 9L).set(GEN_AI_OUTPUT_TOKENS, 9L)
        .set(COST_USD, 0.0000123);
    attempt.end(p.now());
    server.set(HTTP_STATUS, 200L).set(ATTEMPTS, 1L).set(SERVED_BY, "mock/gpt-4o-mini").end(p.now());
  }

  /** CPU ticks (utime + stime) of this process's threads by name, numbers stripped; JIT threads left out. */
  private static Map<String, Long> threadTicks() throws Exception {
    Map<String, Long> ticks = new TreeMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path task : tasks) {
        String stat;
        try {
          stat = Files.readString(task.resolve("stat"));
        } catch (java.io.IOException gone) {
          continue;
        }
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[-# ]*[0-9]+$", "");
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
          continue;
        }
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
      }
    }
    return ticks;
  }
}
