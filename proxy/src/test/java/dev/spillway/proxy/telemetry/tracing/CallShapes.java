package dev.spillway.proxy.telemetry.tracing;

import static dev.spillway.proxy.telemetry.tracing.SpanKeys.*;

import dev.spillway.proxy.telemetry.tracing.otlp.SpanWriter;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import java.util.List;

/** The spans of calls shaped like the proxy's, written as CallSpans writes them (route, attempt, server). */
final class CallShapes {
  private static final List<String> ONE_CANDIDATE = List.of("mock/gpt-4o-mini");

  private CallShapes() {}

  /** The spans and attributes of the benchmark's plain call, as an OTLP receiver got them, ending at {@code now}. */
  static void benchCall(SpanWriter out, long now) {
    LocalSpanContext server = LocalSpanContext.root();
    out.span("route default", SpanKind.INTERNAL, server, server.child(), now - 900_000, now - 800_000)
        .string(POLICY, "default").string(MODEL, "gpt-4o-mini").strings(CANDIDATES, ONE_CANDIDATE)
        .number(MAX_ATTEMPTS, 2147483647L).string(CHOICE, "mock/gpt-4o-mini").string(REASON, "primary, best score")
        .event("candidate", now - 900_000).string(CANDIDATE, "mock/gpt-4o-mini").number(RANK, 0).number(TIER, 1)
        .decimal(SCORE, 0.93).decimal(SCORE_HEALTH, 1.0).decimal(SCORE_LATENCY, 0.8).decimal(SCORE_QUALITY, 1.0)
        .decimal(SCORE_COST, 0.5).decimal(SCORE_HEADROOM, 1.0).string(STANDING, "eligible").string(CIRCUIT, "CLOSED")
        .end();
    out.span("chat gpt-4o-mini", SpanKind.CLIENT, server, server.child(), now - 800_000, now - 100_000)
        .string(GEN_AI_OPERATION, "chat").string(GEN_AI_PROVIDER, "openai_compatible")
        .string(GEN_AI_REQUEST_MODEL, "gpt-4o-mini").string(ACCOUNT, "mock").string(TARGET, "mock/gpt-4o-mini")
        .number(TIER, 1).number(FALLBACK_DEPTH, 0).string(SERVER_ADDRESS, "127.0.0.1").number(SERVER_PORT, 53535)
        .number(GEN_AI_MAX_TOKENS, 16).string(GEN_AI_RESPONSE_ID, "chatcmpl-bench")
        .string(GEN_AI_RESPONSE_MODEL, "gpt-4o-mini").strings(GEN_AI_FINISH_REASONS, List.of("stop"))
        .number(GEN_AI_INPUT_TOKENS, 9).number(GEN_AI_OUTPUT_TOKENS, 9).decimal(COST_USD, 0.0000123)
        .end();
    out.span("POST /v1/chat/completions", SpanKind.SERVER, SpanContext.getInvalid(), server, now - 1_000_000, now)
        .string(HTTP_METHOD, "POST").string(URL_PATH, "/v1/chat/completions").string(MODEL, "gpt-4o-mini")
        .string(POLICY, "default").flag(STREAM, false).string(CONFIG_VERSION, "a7c7ba4b37d2")
        .number(HTTP_STATUS, 200).number(ATTEMPTS, 1).string(SERVED_BY, "mock/gpt-4o-mini")
        .end()
        .send();
  }
}
