package dev.spillway.proxy.telemetry;

import static dev.spillway.proxy.testing.ProxyClient.chatBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spillway.proxy.testing.OtlpReceiver;
import dev.spillway.proxy.testing.ProxyClient;
import dev.spillway.proxy.testing.Reply;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sampling at 0: plain successes build no span at all, but errors and failovers are traced anyway,
 * under the ids their traceparent gave the caller and at the times things happened.
 */
class SamplingTest extends TelemetryTestBase {
  @Override
  TelemetryOptions telemetry(String otlpEndpoint) {
    return super.telemetry(otlpEndpoint).withSamplingRatio(0);
  }

  @Test
  void errorsAndFailoversAreKeptWhateverTheRatio() throws Exception {
    loadTwoTargets();
    primary.enqueue(Reply.json(200, ProxyClient.completion("ok")))
        .enqueue(Reply.json(503, "{}")) // fails over
        .enqueue(Reply.json(503, "{}")); // with the backup failing too: a 503 error
    backup.enqueue(Reply.json(200, ProxyClient.completion("ok"))).enqueue(Reply.json(500, "{}"));

    String plain = traceIdOf("chat");
    String failover = traceIdOf("chat");
    String error = traceIdOf("chat");
    // A caller that sampled its trace gets ours too, success or not.
    String callerSampled = "0af7651916cd43dd8448eb211c80319c";
    primary.enqueue(Reply.json(200, ProxyClient.completion("ok")));
    client.chat(chatBody("chat"), Map.of("traceparent", "00-" + callerSampled + "-b7ad6b7169203331-01"));

    assertThat(exportedTrace(failover)).hasSize(4);
    assertThat(exportedTrace(error)).hasSize(4);
    assertThat(exportedTrace(callerSampled)).hasSize(3);
    await().until(() -> new PrometheusText(admin.get("/metrics").body())
        .sum("spillway_trace_traces_total", Map.of("decision", "sampled_out")) == 1);
    proxy.telemetry().flushTraces();
    assertThat(receiver.trace(plain)).isEmpty();
  }

  @Test
  void aFailoverSampledOutAtTheStartIsTracedUnderTheIdsTheCallerWasGiven() throws Exception {
    loadTwoTargets();
    primary.enqueue(Reply.json(503, "{}"));
    backup.enqueue(Reply.json(200, ProxyClient.completion("ok")));
    long before = System.currentTimeMillis() * 1_000_000;

    var response = client.chat(chatBody("chat"));
    long after = System.currentTimeMillis() * 1_000_000;
    String traceparent = response.headers().firstValue("traceparent").orElseThrow();
    String traceId = response.headers().firstValue("x-spillway-trace-id").orElseThrow();

    // Not sampled when it started: the caller is told so (flags 00).
    assertThat(traceparent).startsWith("00-" + traceId + "-").endsWith("-00");
    List<Span> trace = exportedTrace(traceId);
    assertThat(trace).hasSize(4);
    Span server = trace.stream().filter(s -> s.getKind() == Span.SpanKind.SPAN_KIND_SERVER).findFirst().orElseThrow();
    assertThat(OtlpReceiver.hex(server.getSpanId().toByteArray())).isEqualTo(traceparent.split("-")[2]);
    assertThat(attr(server, "spillway.failover")).isEqualTo("true");
    // Built after the call, at the times each step happened.
    for (Span span : trace) {
      assertThat(span.getStartTimeUnixNano()).isBetween(before, span.getEndTimeUnixNano());
      assertThat(span.getEndTimeUnixNano()).isBetween(span.getStartTimeUnixNano(), after + 1_000_000_000L);
      if (span != server) {
        assertThat(span.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(span.getStartTimeUnixNano()).isGreaterThanOrEqualTo(server.getStartTimeUnixNano());
      }
    }
    List<Span> attempts = trace.stream().filter(s -> s.getKind() == Span.SpanKind.SPAN_KIND_CLIENT)
        .sorted(java.util.Comparator.comparingLong(Span::getStartTimeUnixNano)).toList();
    assertThat(attempts).hasSize(2);
    assertThat(attempts.get(0).getEndTimeUnixNano()).isLessThanOrEqualTo(attempts.get(1).getStartTimeUnixNano());
  }

  @Test
  void aCallerThatDidNotSampleItsTraceGetsNoneOfOursForAPlainSuccess() throws Exception {
    loadTwoTargets();
    primary.enqueue(Reply.json(200, ProxyClient.completion("ok")));
    String caller = "4bf92f3577b34da6a3ce929d0e0e4736";

    var response = client.chat(chatBody("chat"), Map.of("traceparent", "00-" + caller + "-00f067aa0ba902b7-00"));

    assertThat(response.headers().firstValue("traceparent").orElseThrow()).startsWith("00-" + caller + "-").endsWith("-00");
    await().until(() -> new PrometheusText(admin.get("/metrics").body())
        .sum("spillway_trace_traces_total", Map.of("decision", "sampled_out")) == 1);
    proxy.telemetry().flushTraces();
    assertThat(receiver.trace(caller)).isEmpty();
    assertThat(new PrometheusText(admin.get("/metrics").body()).sum("spillway_trace_spans_kept_total")).isZero();
  }

  private String traceIdOf(String model) throws Exception {
    return client.chat(chatBody(model)).headers().firstValue("x-spillway-trace-id").orElseThrow();
  }
}
