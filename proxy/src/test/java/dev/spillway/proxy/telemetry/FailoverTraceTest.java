package dev.spillway.proxy.telemetry;

import static dev.spillway.proxy.testing.ProxyClient.chatBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.spillway.proxy.testing.OtlpReceiver;
import dev.spillway.proxy.testing.Reply;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The "done when": one failover call, one trace that tells the whole story. */
class FailoverTraceTest extends TelemetryTestBase {
  private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CALLER_SPAN = "00f067aa0ba902b7";

  @Test
  void aFailoverCallIsOneTraceWithThePolicyTheCandidatesTheFailedAndTheServingAttempt() throws Exception {
    loadTwoTargets();
    primary.always(Reply.json(503, "{\"error\":{\"message\":\"overloaded\"}}"));
    backup.always(Reply.json(200, "{\"id\":\"chatcmpl-77\",\"object\":\"chat.completion\",\"created\":1,"
        + "\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
        + "\"content\":\"hi\"},\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":500,\"total_tokens\":1500}}"));

    HttpResponse<String> response =
        client.chat(
            "{\"model\":\"chat\",\"temperature\":0.3,\"max_tokens\":64,\"top_p\":0.9,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}",
            Map.of("traceparent", "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("x-spillway-trace-id")).hasValue(CALLER_TRACE);
    assertThat(response.headers().firstValue("traceparent").orElseThrow())
        .startsWith("00-" + CALLER_TRACE + "-").doesNotContain(CALLER_SPAN);

    List<Span> trace = exportedTrace(CALLER_TRACE);
    assertThat(trace).hasSize(4);
    Span server = named(trace, "POST /v1/chat/completions");
    Span route = named(trace, "route default");
    Span failed = named(trace, "chat gpt-4o");
    Span served = named(trace, "chat gpt-4o-mini");

    // The tree: the caller's span → our server span → routing and both attempts.
    assertThat(OtlpReceiver.hex(server.getParentSpanId().toByteArray())).isEqualTo(CALLER_SPAN);
    assertThat(server.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
    assertThat(response.headers().firstValue("traceparent").orElseThrow())
        .contains(OtlpReceiver.hex(server.getSpanId().toByteArray()));
    for (Span child : List.of(route, failed, served)) {
      assertThat(child.getParentSpanId()).isEqualTo(server.getSpanId());
    }
    assertThat(attr(server, "http.response.status_code")).isEqualTo("200");
    assertThat(attr(server, "spillway.served_by")).isEqualTo("backup/gpt-4o-mini");
    assertThat(attr(server, "spillway.attempts")).isEqualTo("2");
    assertThat(attr(server, "spillway.failover")).isEqualTo("true");
    assertThat(attr(server, "spillway.config_version")).isEqualTo("cfg-42");

    // The decision: the policy, the candidates in order, the choice and why.
    assertThat(attr(route, "spillway.policy")).isEqualTo("default");
    assertThat(attr(route, "spillway.candidates")).isEqualTo("[primary/gpt-4o, backup/gpt-4o-mini]");
    assertThat(attr(route, "spillway.choice")).isEqualTo("primary/gpt-4o");
    assertThat(attr(route, "spillway.reason")).isNotBlank();
    assertThat(route.getEventsList()).filteredOn(e -> e.getName().equals("candidate")).hasSize(2);

    // The failed attempt, with its failure class.
    assertThat(failed.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
    assertThat(failed.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    assertThat(attr(failed, "error.type")).isEqualTo("503");
    assertThat(attr(failed, "spillway.failure_class")).isEqualTo("retryable");
    assertThat(attr(failed, "spillway.fallback_depth")).isEqualTo("0");
    assertThat(attr(failed, "spillway.account")).isEqualTo("primary");
    assertThat(attr(failed, "gen_ai.request.model")).isEqualTo("gpt-4o");

    // The serving attempt, with the GenAI conventions and its cost.
    assertThat(served.getStatus().getCode()).isNotEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
    assertThat(attr(served, "gen_ai.operation.name")).isEqualTo("chat");
    assertThat(attr(served, "gen_ai.provider.name")).isEqualTo("openai_compatible");
    assertThat(attr(served, "gen_ai.system")).isNull();
    assertThat(attr(served, "gen_ai.request.model")).isEqualTo("gpt-4o-mini");
    assertThat(attr(served, "gen_ai.response.model")).isEqualTo("gpt-4o-mini-2024-07-18");
    assertThat(attr(served, "gen_ai.response.id")).isEqualTo("chatcmpl-77");
    assertThat(attr(served, "gen_ai.response.finish_reasons")).isEqualTo("[stop]");
    assertThat(attr(served, "gen_ai.usage.input_tokens")).isEqualTo("1000");
    assertThat(attr(served, "gen_ai.usage.output_tokens")).isEqualTo("500");
    assertThat(attr(served, "gen_ai.request.temperature")).isEqualTo("0.3");
    assertThat(attr(served, "gen_ai.request.max_tokens")).isEqualTo("64");
    assertThat(attr(served, "gen_ai.request.top_p")).isEqualTo("0.9");
    assertThat(attr(served, "server.address")).isEqualTo("127.0.0.1");
    assertThat(attr(served, "server.port")).isEqualTo(Integer.toString(java.net.URI.create(backup.baseUrl()).getPort()));
    assertThat(attr(served, "spillway.fallback_depth")).isEqualTo("1");
    assertThat(attr(served, "spillway.target")).isEqualTo("backup/gpt-4o-mini");
    assertThat(attr(served, "spillway.tier")).isEqualTo("1");
    // 1000 × $2/M + 500 × $8/M = $0.006
    assertThat(Double.parseDouble(attr(served, "spillway.cost_usd"))).isCloseTo(0.006, within(1e-9));
    assertThat(attr(served, "error.type")).isNull();
    // Content is off by default.
    assertThat(attr(served, "gen_ai.input.messages")).isNull();
    assertThat(attr(served, "gen_ai.output.messages")).isNull();
  }

  @Test
  void withoutACallerTraceANewOneStartsAndIsReturned() throws Exception {
    loadTwoTargets();
    primary.always(Reply.json(200, dev.spillway.proxy.testing.ProxyClient.completion("hi")));

    HttpResponse<String> response = client.chat(chatBody("chat"));

    String traceId = response.headers().firstValue("x-spillway-trace-id").orElseThrow();
    assertThat(traceId).hasSize(32).isNotEqualTo("0".repeat(32));
    assertThat(response.headers().firstValue("traceparent").orElseThrow()).startsWith("00-" + traceId + "-").endsWith("-01");
    List<Span> trace = exportedTrace(traceId);
    assertThat(trace).extracting(Span::getName)
        .containsExactlyInAnyOrder("POST /v1/chat/completions", "route default", "chat gpt-4o");
    assertThat(named(trace, "POST /v1/chat/completions").getParentSpanId().isEmpty()).isTrue();
  }
}
