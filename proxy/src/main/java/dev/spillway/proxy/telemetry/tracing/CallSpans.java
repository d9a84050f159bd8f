package dev.spillway.proxy.telemetry.tracing;

import static dev.spillway.proxy.telemetry.tracing.SpanKeys.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.proxy.providers.http.Redaction;
import dev.spillway.proxy.routing.Candidate;
import dev.spillway.proxy.routing.CandidateScore;
import dev.spillway.proxy.routing.Plan;
import dev.spillway.proxy.routing.RequestFacts;
import dev.spillway.proxy.routing.RoutingDecision;
import dev.spillway.proxy.routing.Skip;
import dev.spillway.proxy.telemetry.AttemptRecord;
import dev.spillway.proxy.telemetry.AttemptRecord.Outcome;
import dev.spillway.proxy.telemetry.CallSummary;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.Clock;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The spans of one call: a SERVER span for the request; under it a routing span (the policy, the
 * candidates in order, the choice, skips as events) that lasts until the first upstream call; and a
 * CLIENT span per attempt carrying the GenAI conventions. Skips found after the first attempt are
 * events on the server span. Called under the request's lock, so never concurrently.
 *
 * <p>Every start, end and event takes its time from {@code clock}: the wall clock for a sampled
 * call, the recorded times when an unsampled call's spans are built after it ended
 * ({@link UnsampledCall}).
 */
final class CallSpans implements CallTrace {
  static final String SKIPPED_EVENT = "candidate skipped";
  private final Tracer tracer;
  private final Clock clock;
  /**
   * Epoch nanoseconds less {@link System#nanoTime}: attempt spans take their start and end from the
   * attempt's own record, so a span's duration and its time to first token come from one clock.
   */
  private final long epochOffset = Clock.getDefault().now() - System.nanoTime();
  private final Span server;
  private final Context serverContext;
  private final Map<AttemptRecord, Span> attempts = new IdentityHashMap<>(2);
  private Span route;
  private String requestContent;

  CallSpans(Tracer tracer, Clock clock, Context parent, String method, String path) {
    this.tracer = tracer;
    this.clock = clock;
    this.server =
        tracer.spanBuilder(method + " " + path)
            .setParent(parent)
            .setSpanKind(SpanKind.SERVER)
            .setStartTimestamp(clock.now(), TimeUnit.NANOSECONDS)
            .setAttribute(HTTP_METHOD, method)
            .setAttribute(URL_PATH, path)
            .startSpan();
    this.serverContext = parent.with(server);
  }

  @Override
  public String traceId() {
    return server.getSpanContext().getTraceId();
  }

  @Override
  public String traceparent() {
    return Tracing.traceparent(serverSpanContext());
  }

  SpanContext serverSpanContext() {
    return server.getSpanContext();
  }

  /** Who the call is from, on the server span: every trace of a consumer's call says so. */
  @Override
  public void authenticated(String consumer, String keyId, Map<String, String> attributes) {
    server.setAttribute(CONSUMER, consumer).setAttribute(CONSUMER_KEY, keyId);
    attributes.forEach((name, value) -> server.setAttribute(CONSUMER_ATTRIBUTE + name, value));
  }

  @Override
  public void routed(RequestFacts facts, Plan plan, String configVersion, String requestContent) {
    this.requestContent = requestContent;
    String policy = plan.policy().name();
    server.setAttribute(MODEL, facts.model()).setAttribute(POLICY, policy).setAttribute(STREAM, facts.stream());
    if (plan.rollout() != null) {
      server.setAttribute(ROLLOUT, plan.rollout().rollout()).setAttribute(ROLLOUT_ARM, plan.rollout().arm());
    }
    if (configVersion != null) {
      server.setAttribute(CONFIG_VERSION, configVersion);
    }
    List<Candidate> candidates = plan.candidates();
    String[] order = new String[candidates.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = candidates.get(i).id();
    }
    RoutingDecision decision = plan.decision();
    SpanBuilder builder =
        tracer.spanBuilder("route " + policy)
            .setParent(serverContext)
            .setAttribute(POLICY, policy)
            .setAttribute(MODEL, facts.model())
            .setAttribute(CANDIDATES, Arrays.asList(order))
            .setAttribute(MAX_ATTEMPTS, (long) plan.maxAttempts())
            .setStartTimestamp(clock.now(), TimeUnit.NANOSECONDS);
    if (plan.caller().named()) {
      builder.setAttribute(CALLER_FALLBACKS, plan.caller().fallbacks())
          .setAttribute(ROUTING_MODE, plan.caller().mode().wireName());
    }
    if (decision != null) {
      builder.setAttribute(CHOICE, decision.chosen() == null ? "none" : decision.chosen());
      setIfPresent(builder, REASON, decision.reason());
      setIfPresent(builder, STICKY, decision.sticky());
      setIfPresent(builder, EXPERIMENT_ARM, decision.experimentArm());
    } else {
      // An unscored plan (a gate without scoring): candidates go in the policy's order.
      builder.setAttribute(CHOICE, order.length == 0 ? "none" : order[0]);
      builder.setAttribute(REASON, order.length == 0 ? "no candidate can serve this request" : "first in policy order");
    }
    route = builder.startSpan();
    for (int rank = 0; rank < candidates.size(); rank++) {
      Candidate candidate = candidates.get(rank);
      route.addEvent("candidate", candidateEvent(candidate, rank, decision == null ? null : decision.score(candidate.id())),
          clock.now(), TimeUnit.NANOSECONDS);
    }
    for (Skip skip : plan.skipped()) {
      skipped(skip.target(), skip.reason());
    }
  }

  private static Attributes candidateEvent(Candidate candidate, int rank, CandidateScore score) {
    AttributesBuilder event =
        Attributes.builder().put(CANDIDATE, candidate.id()).put(RANK, rank).put(TIER, candidate.target().tier());
    if (score != null) {
      event.put(SCORE, score.score())
          .put(SCORE_HEALTH, score.health())
          .put(SCORE_LATENCY, score.latency())
          .put(SCORE_QUALITY, score.quality())
          .put(SCORE_COST, score.cost())
          .put(SCORE_HEADROOM, score.headroom())
          .put(STANDING, score.standing().name().toLowerCase(Locale.ROOT))
          .put(CIRCUIT, score.circuit());
      if (score.reason() != null) {
        event.put(STANDING_REASON, score.reason());
      }
    }
    return event.build();
  }

  /** A hedge decision, on the server span: it concerns the attempts, not the plan. */
  @Override
  public void hedge(String slowTarget, long afterMs, boolean launched) {
    server.addEvent("hedge", Attributes.of(TARGET, slowTarget, HEDGE_AFTER_MS, afterMs, HEDGE_LAUNCHED, launched),
        clock.now(), TimeUnit.NANOSECONDS);
  }

  @Override
  public void skipped(String target, String reason) {
    (route != null ? route : server).addEvent(SKIPPED_EVENT, Attributes.of(CANDIDATE, target, SKIP_REASON, reason),
        clock.now(), TimeUnit.NANOSECONDS);
  }

  @Override
  public void attemptStarted(AttemptRecord record) {
    endRoute();
    String model = record.target().model();
    SpanBuilder builder =
        tracer.spanBuilder("chat " + model)
            .setParent(serverContext)
            .setSpanKind(SpanKind.CLIENT)
            .setStartTimestamp(epochOffset + record.startNanos(), TimeUnit.NANOSECONDS)
            .setAttribute(GEN_AI_OPERATION, "chat")
            .setAttribute(GEN_AI_PROVIDER, record.providerName())
            .setAttribute(GEN_AI_REQUEST_MODEL, model)
            .setAttribute(ACCOUNT, record.account().name())
            .setAttribute(TARGET, record.target().id())
            .setAttribute(TIER, (long) record.target().tier())
            .setAttribute(FALLBACK_DEPTH, (long) record.fallbackDepth());
    ServerAddress server = ServerAddress.of(record.account().baseUrl());
    if (server.host() != null) {
      builder.setAttribute(SERVER_ADDRESS, server.host());
      builder.setAttribute(SERVER_PORT, server.port());
    }
    JsonNode request = record.attempt().call().request();
    if (request.path("temperature").isNumber()) {
      builder.setAttribute(GEN_AI_TEMPERATURE, request.get("temperature").asDouble());
    }
    JsonNode maxTokens = request.has("max_tokens") ? request.get("max_tokens") : request.path("max_completion_tokens");
    if (maxTokens.isNumber()) {
      builder.setAttribute(GEN_AI_MAX_TOKENS, maxTokens.asLong());
    }
    if (request.path("top_p").isNumber()) {
      builder.setAttribute(GEN_AI_TOP_P, request.get("top_p").asDouble());
    }
    if (requestContent != null) {
      builder.setAttribute(GEN_AI_INPUT_MESSAGES, requestContent);
    }
    attempts.put(record, builder.startSpan());
  }

  @Override
  public void attemptEnded(AttemptRecord record) {
    Span span = attempts.remove(record);
    if (span == null) {
      return;
    }
    setIfPresent(span, GEN_AI_RESPONSE_ID, record.responseId());
    setIfPresent(span, GEN_AI_RESPONSE_MODEL, record.responseModel());
    if (!record.finishReasons().isEmpty()) {
      span.setAttribute(GEN_AI_FINISH_REASONS, record.finishReasons());
    }
    if (record.outcome() == Outcome.SUCCESS) {
      span.setAttribute(GEN_AI_INPUT_TOKENS, record.usage().promptTokens());
      span.setAttribute(GEN_AI_OUTPUT_TOKENS, record.usage().completionTokens());
      span.setAttribute(COST_USD, record.costUsd());
    }
    if (record.timeToFirstTokenNanos() >= 0) {
      span.setAttribute(TTFT, AttemptRecord.seconds(record.timeToFirstTokenNanos()));
    }
    if (record.content() != null && !record.content().isEmpty()) {
      span.setAttribute(GEN_AI_OUTPUT_MESSAGES, record.content());
    }
    setIfPresent(span, ERROR_TYPE, record.errorType());
    if (record.outcome() == Outcome.FAILURE) {
      span.setAttribute(FAILURE_CLASS, record.failureClass().name().toLowerCase(Locale.ROOT));
      // Failure summaries never carry a credential by contract; scrub anyway, traces leave the box.
      String summary = Redaction.scrub(record.failure().summary(), record.attempt().call().apiKey());
      span.setAttribute(FAILURE, summary);
      span.setStatus(StatusCode.ERROR, summary);
    }
    span.end(epochOffset + record.startNanos() + record.durationNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public void finish(CallSummary call) {
    endRoute();
    server.setAttribute(HTTP_STATUS, (long) call.status()).setAttribute(ATTEMPTS, (long) call.attempts().size());
    if (call.servedBy() != null) {
      server.setAttribute(SERVED_BY, call.servedBy().target().id());
      if (call.servedBy().account() != null && call.servedBy().account().region() != null) {
        server.setAttribute(SERVED_REGION, call.servedBy().account().region());
      }
    }
    if (call.fallbackReason() != null) {
      server.setAttribute(FALLBACK_REASON, call.fallbackReason());
    }
    if (call.failedOver()) {
      server.setAttribute(FAILOVER, true);
    }
    if (call.status() >= 500) {
      server.setAttribute(ERROR_TYPE, Integer.toString(call.status()));
      server.setStatus(StatusCode.ERROR);
    }
    server.end(clock.now(), TimeUnit.NANOSECONDS);
  }

  private void endRoute() {
    if (route != null) {
      route.end(clock.now(), TimeUnit.NANOSECONDS);
      route = null;
    }
  }

  private static void setIfPresent(Span span, AttributeKey<String> key, String value) {
    if (value != null) {
      span.setAttribute(key, value);
    }
  }

  private static void setIfPresent(SpanBuilder span, AttributeKey<String> key, String value) {
    if (value != null) {
      span.setAttribute(key, value);
    }
  }
}
