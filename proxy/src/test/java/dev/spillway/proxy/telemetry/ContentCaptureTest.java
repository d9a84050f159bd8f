package dev.spillway.proxy.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.proxy.testing.ProxyClient;
import dev.spillway.proxy.testing.Reply;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With capture opted in, the messages and the answer appear in the attempt span and the access line. */
class ContentCaptureTest extends TelemetryTestBase {
  @Override
  TelemetryOptions telemetry(String otlpEndpoint) {
    return super.telemetry(otlpEndpoint).withCaptureContent(true);
  }

  @Test
  void optedInContentIsRecorded() throws Exception {
    loadTwoTargets();
    primary.always(Reply.json(200, ProxyClient.completion("a secret recipe")));

    try (AccessLogCapture access = new AccessLogCapture()) {
      HttpResponse<String> response =
          client.chat("{\"model\":\"chat\",\"messages\":[{\"role\":\"user\",\"content\":\"tell me\"}]}");

      List<Span> trace = exportedTrace(response.headers().firstValue("x-spillway-trace-id").orElseThrow());
      Span attempt = named(trace, "chat gpt-4o");
      assertThat(attr(attempt, "gen_ai.input.messages")).contains("tell me");
      assertThat(attr(attempt, "gen_ai.output.messages")).isEqualTo("a secret recipe");
      await().until(() -> access.lines().size() == 1);
      JsonNode line = access.json().get(0);
      assertThat(line.get("request_messages").asText()).contains("tell me");
      assertThat(line.get("response_content").asText()).isEqualTo("a secret recipe");
    }
  }
}
