package dev.spillway.proxy.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.proxy.testing.ProxyClient;
import dev.spillway.proxy.testing.Reply;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A stream that fails over before its first token: both attempts traced, the server with its TTFT. */
class StreamTraceTest extends TelemetryTestBase {
  private static final String ROLE = chunk("{\"role\":\"assistant\",\"content\":\"\"}", "null");
  private static final String HELLO = chunk("{\"content\":\"Hello\"}", "null");
  private static final String LAST = chunk("{}", "\"stop\"");
  private static final String USAGE =
      "data: {\"id\":\"s-9\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-mini\",\"choices\":[],"
          + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":7}}";

  private static String chunk(String delta, String finish) {
    return "data: {\"id\":\"s-9\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-mini\",\"choices\":"
        + "[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finish + "}]}";
  }

  @Test
  void aStreamThatFailsOverIsTracedWithTimeToFirstTokenAndUsage() throws Exception {
    loadTwoTargets();
    primary.always(Reply.sse(List.of(ROLE, ROLE, HELLO, "data: [DONE]")).cutAfter(1));
    backup.always(Reply.sse(List.of(ROLE, HELLO, LAST, USAGE, "data: [DONE]")));

    HttpResponse<String> response = client.chat(ProxyClient.streamBody("chat"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("Hello");
    List<Span> trace = exportedTrace(response.headers().firstValue("x-spillway-trace-id").orElseThrow());
    Span server = named(trace, "POST /v1/chat/completions");
    Span cut = named(trace, "chat gpt-4o");
    Span served = named(trace, "chat gpt-4o-mini");
    assertThat(attr(server, "spillway.stream")).isEqualTo("true");
    assertThat(attr(server, "spillway.failover")).isEqualTo("true");
    assertThat(attr(cut, "error.type")).isEqualTo("connect"); // a cut connection
    assertThat(attr(cut, "spillway.time_to_first_token")).isNull();
    double ttft = Double.parseDouble(attr(served, "spillway.time_to_first_token"));
    double attemptSeconds = (served.getEndTimeUnixNano() - served.getStartTimeUnixNano()) / 1e9;
    assertThat(ttft).isPositive().isLessThanOrEqualTo(attemptSeconds);
    assertThat(attr(served, "gen_ai.response.id")).isEqualTo("s-9");
    assertThat(attr(served, "gen_ai.response.finish_reasons")).isEqualTo("[stop]");
    assertThat(attr(served, "gen_ai.usage.input_tokens")).isEqualTo("12");
    assertThat(attr(served, "gen_ai.usage.output_tokens")).isEqualTo("7");
  }
}
