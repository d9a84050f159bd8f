package dev.spillway.proxy.telemetry;

import static dev.spillway.proxy.testing.ProxyClient.chatBody;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.proxy.testing.OtlpReceiver;
import dev.spillway.proxy.testing.ProxyClient;
import dev.spillway.proxy.testing.Reply;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The same trace over OTLP/gRPC, to a gRPC receiver on cleartext HTTP/2. */
class GrpcExportTest extends TelemetryTestBase {
  @Override
  OtlpReceiver startReceiver() {
    return OtlpReceiver.startGrpc();
  }

  @Override
  TelemetryOptions telemetry(String otlpEndpoint) {
    return TelemetryOptions.DEFAULTS.withOtlp(otlpEndpoint, OtlpProtocol.GRPC);
  }

  @Test
  void aFailoverTraceArrivesOverGrpc() throws Exception {
    loadTwoTargets();
    primary.always(Reply.json(500, "{}"));
    backup.always(Reply.json(200, ProxyClient.completion("ok")));

    HttpResponse<String> response = client.chat(chatBody("chat"));

    List<Span> trace = exportedTrace(response.headers().firstValue("x-spillway-trace-id").orElseThrow());
    assertThat(trace).extracting(Span::getName).containsExactlyInAnyOrder(
        "POST /v1/chat/completions", "route default", "chat gpt-4o", "chat gpt-4o-mini");
    assertThat(attr(named(trace, "chat gpt-4o"), "error.type")).isEqualTo("500");
    assertThat(attr(named(trace, "chat gpt-4o-mini"), "gen_ai.provider.name")).isEqualTo("openai_compatible");
  }
}
