package dev.spillway.proxy.telemetry;

import static dev.spillway.proxy.testing.ProxyClient.chatBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.api.v1alpha1.ProviderKind;
import dev.spillway.config.AccountConfig;
import dev.spillway.config.HealthCheckConfig;
import dev.spillway.config.SimulationConfig;
import dev.spillway.config.SimulationConfig.FaultConfig;
import dev.spillway.config.SimulationConfig.FaultKind;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.proxy.testing.ConfigBuilder;
import dev.spillway.proxy.testing.OtlpReceiver;
import dev.spillway.proxy.testing.ProxyClient;
import dev.spillway.proxy.testing.Reply;
import dev.spillway.proxy.testing.VideoClient;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Caller-named fallbacks and video jobs in headers and traces. */
class CallerFallbackAndJobTraceTest extends TelemetryTestBase {

  @Test
  void aCallerNamedFallbackServesTheCallAndShowsInHeadersAndTheRouteSpan() throws Exception {
    proxy.configSink().accept(ConfigBuilder.create()
        .account("primary", primary.baseUrl())
        .account("backup", backup.baseUrl())
        .model("chat", m -> m.target("primary", "gpt-4o"))
        .model("spare", m -> m.target("backup", "gpt-4o-mini"))
        .build());
    primary.always(Reply.json(503, "{\"error\":{\"message\":\"down\"}}"));
    backup.always(Reply.json(200, ProxyClient.completion("spared")));

    HttpResponse<String> refused = client.chat(chatBody("chat"));
    HttpResponse<String> response = client.chat(chatBody("chat"), Map.of("x-spillway-fallbacks", "spare"));

    assertThat(refused.statusCode()).as("without it, nothing else can serve").isEqualTo(503);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-spillway-served-by")).hasValue("backup/gpt-4o-mini");
    assertThat(response.headers().firstValue("x-spillway-caller-fallbacks")).hasValue("spare (fallback)");
    List<Span> trace = exportedTrace(response.headers().firstValue("x-spillway-trace-id").orElseThrow());
    Span route = trace.stream().filter(s -> s.getName().startsWith("route ")).findFirst().orElseThrow();
    assertThat(OtlpReceiver.attribute(route, "spillway.caller_fallbacks")).hasValue("[spare]");
    assertThat(OtlpReceiver.attribute(route, "spillway.routing_mode")).hasValue("fallback");
    assertThat(backup.lastRequest().body()).doesNotContain("fallbacks");
  }

  @Test
  void aVideoJobHasItsOwnSpanInTheSubmittingRequestsTraceWithEveryAttempt() throws Exception {
    proxy.configSink().accept(ConfigBuilder.create()
        .account(simulated("sim-a", new FaultConfig(FaultKind.FAIL_AFTER_ACCEPT, 0, 0, 0, 0, 0)))
        .account(simulated("sim-b"))
        .model("video", m -> m.target("sim-a", "a-video").target("sim-b", "b-video"))
        .build());
    VideoClient videos = new VideoClient(client);

    HttpResponse<String> created = videos.create(VideoClient.body("video", "a heron taking off"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    String id = new com.fasterxml.jackson.databind.ObjectMapper().readTree(created.body()).path("id").asText();
    var job = videos.finished(id);

    String traceId = created.headers().firstValue("x-spillway-trace-id").orElseThrow();
    assertThat(job.at("/spillway/trace_id").asText()).isEqualTo(traceId);
    List<Span> trace = exportedTraceWith(traceId, "JOB /v1/videos/" + id);
    Span jobSpan = trace.stream().filter(s -> s.getName().equals("JOB /v1/videos/" + id)).findFirst().orElseThrow();
    assertThat(OtlpReceiver.attribute(jobSpan, "spillway.served_by")).hasValue("sim-b/b-video");
    assertThat(OtlpReceiver.attribute(jobSpan, "spillway.attempts")).hasValue("2");
    assertThat(trace.stream().filter(s -> s.getParentSpanId().equals(jobSpan.getSpanId())).map(Span::getName))
        .contains("route default");
  }

  private List<Span> exportedTraceWith(String traceId, String spanName) {
    return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> {
      proxy.telemetry().flushTraces();
      return receiver.trace(traceId);
    }, spans -> spans.stream().anyMatch(s -> s.getName().equals(spanName)));
  }

  private static AccountConfig simulated(String name, FaultConfig... faults) {
    return new AccountConfig(name, ProviderKind.SIMULATED, "simulated://" + name, null, null, null, false, Map.of(),
        TimeoutConfig.DEFAULTS, null, null, HealthCheckConfig.DISABLED,
        new SimulationConfig(20, 0, 0, 0, 503, null, List.of(faults)));
  }
}
