package dev.spillway.proxy.telemetry;

import static dev.spillway.proxy.testing.ProxyClient.chatBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spillway.proxy.testing.ProxyClient;
import dev.spillway.proxy.testing.Reply;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sampling at 0: plain successes are dropped, but errors and failovers are always kept. */
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

  private String traceIdOf(String model) throws Exception {
    return client.chat(chatBody(model)).headers().firstValue("x-spillway-trace-id").orElseThrow();
  }
}
