package dev.spillway.proxy.telemetry.tracing;

import static dev.spillway.proxy.telemetry.tracing.SpanKeys.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.proxy.providers.http.Redaction;
import dev.spillway.proxy.telemetry.AttemptRecord;
import dev.spillway.proxy.telemetry.AttemptRecord.Outcome;
import dev.spillway.proxy.telemetry.tracing.otlp.SpanWriter;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.util.Locale;

/**
 * The CLIENT span of one upstream attempt, written from its record once it ended: the GenAI
 * conventions (operation, provider, models, request parameters, usage, finish reasons, content when
 * captured), the target and account, and how it failed.
 */
final class AttemptSpan {
  private AttemptSpan() {}

  /**
   * @param requestContent the request's messages when content is captured, else null
   * @param clock reads the record's {@link System#nanoTime} instants as epoch nanoseconds
   */
  static void write(SpanWriter out, LocalSpanContext server, AttemptRecord record, String requestContent,
      CallClock clock) {
    String model = record.target().model();
    long start = clock.epochNanos(record.startNanos());
    out.span("chat " + model, SpanKind.CLIENT, server, server.child(), start,
            clock.epochNanos(record.startNanos() + record.durationNanos()))
        .string(GEN_AI_OPERATION, "chat")
        .string(GEN_AI_PROVIDER, record.providerName())
        .string(GEN_AI_REQUEST_MODEL, model)
        .string(ACCOUNT, record.account().name())
        .string(TARGET, record.target().id())
        .number(TIER, record.target().tier())
        .number(FALLBACK_DEPTH, record.fallbackDepth());
    ServerAddress address = ServerAddress.of(record.account().baseUrl());
    if (address.host() != null) {
      out.string(SERVER_ADDRESS, address.host()).number(SERVER_PORT, address.port());
    }
    requestParameters(out, record.attempt().call().request());
    out.string(GEN_AI_INPUT_MESSAGES, requestContent)
        .string(GEN_AI_RESPONSE_ID, record.responseId())
        .string(GEN_AI_RESPONSE_MODEL, record.responseModel());
    if (!record.finishReasons().isEmpty()) {
      out.strings(GEN_AI_FINISH_REASONS, record.finishReasons());
    }
    if (record.outcome() == Outcome.SUCCESS) {
      out.number(GEN_AI_INPUT_TOKENS, record.usage().promptTokens())
          .number(GEN_AI_OUTPUT_TOKENS, record.usage().completionTokens())
          .decimal(COST_USD, record.costUsd());
    }
    if (record.timeToFirstTokenNanos() >= 0) {
      out.decimal(TTFT, AttemptRecord.seconds(record.timeToFirstTokenNanos()));
    }
    if (record.content() != null && !record.content().isEmpty()) {
      out.string(GEN_AI_OUTPUT_MESSAGES, record.content());
    }
    out.string(ERROR_TYPE, record.errorType());
    if (record.outcome() != Outcome.FAILURE) {
      out.end();
      return;
    }
    out.string(FAILURE_CLASS, record.failureClass().name().toLowerCase(Locale.ROOT));
    // Failure summaries never carry a credential by contract; scrub anyway, traces leave the box.
    String summary = Redaction.scrub(record.failure().summary(), record.attempt().call().apiKey());
    out.string(FAILURE, summary).end(StatusCode.ERROR, summary);
  }

  /** The sampling parameters the caller asked for, when it did. */
  private static void requestParameters(SpanWriter out, JsonNode request) {
    if (request.path("temperature").isNumber()) {
      out.decimal(GEN_AI_TEMPERATURE, request.get("temperature").asDouble());
    }
    JsonNode maxTokens = request.has("max_tokens") ? request.get("max_tokens") : request.path("max_completion_tokens");
    if (maxTokens.isNumber()) {
      out.number(GEN_AI_MAX_TOKENS, maxTokens.asLong());
    }
    if (request.path("top_p").isNumber()) {
      out.decimal(GEN_AI_TOP_P, request.get("top_p").asDouble());
    }
  }
}
