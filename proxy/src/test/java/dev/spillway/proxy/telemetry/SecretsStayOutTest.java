package dev.spillway.proxy.telemetry;

import static dev.spillway.proxy.testing.ProxyClient.chatBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spillway.proxy.testing.OtlpReceiver;
import dev.spillway.proxy.testing.ProxyClient;
import dev.spillway.proxy.testing.Reply;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A provider that echoes the API key it refused: the key reaches no span, log line or metric. */
class SecretsStayOutTest extends TelemetryTestBase {
  private static final String ECHO =
      "{\"error\":{\"message\":\"Incorrect API key provided: " + SECRET + ". You can find your API key at"
          + " https://platform.example/account/api-keys.\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}";

  @Test
  void anEchoedKeyReachesNoSpanNoAccessLineAndNoMetric() throws Exception {
    loadTwoTargets();
    primary.always(Reply.json(401, ECHO));
    backup.always(Reply.json(200, ProxyClient.completion("served")));

    try (AccessLogCapture access = new AccessLogCapture()) {
      HttpResponse<String> response = client.chat(chatBody("chat"));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(primary.lastRequest().headers().toString()).contains(SECRET); // the key was really sent
      List<Span> trace = exportedTrace(response.headers().firstValue("x-spillway-trace-id").orElseThrow());
      assertThat(trace).hasSize(4);
      for (Span span : trace) {
        assertThat(span.toString()).doesNotContain(SECRET).doesNotContain("SECRET");
        span.getAttributesList().forEach(kv ->
            assertThat(OtlpReceiver.text(kv.getValue())).doesNotContain("0123456789abcdef"));
      }
      assertThat(TelemetryTestBase.attr(named(trace, "chat gpt-4o"), "error.type")).isEqualTo("401");
      assertThat(TelemetryTestBase.attr(named(trace, "chat gpt-4o"), "spillway.failure_class")).isEqualTo("auth");
      await().until(() -> access.lines().size() == 1);
      assertThat(access.lines().get(0)).doesNotContain("SECRET").doesNotContain("0123456789abcdef");
    }
    String metrics = admin.get("/metrics").body();
    assertThat(metrics).contains("spillway_target_attempts_total").doesNotContain("SECRET").doesNotContain("0123456789abcdef");
  }
}
