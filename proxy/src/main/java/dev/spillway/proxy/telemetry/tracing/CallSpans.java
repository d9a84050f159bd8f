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
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The spans of one call: a SERVER span for the request; under it a routing span (the policy, the
 * candidates in order, the choice, skips as events) that lasts until the first upstream call; and a
 * CLIENT span per attempt carrying the GenAI conventions. Skips found after the first attempt are
 * events on the server span. Called under the request's lock, so never concurrently. The spans are
 * {@link RecordedSpan}s handed to the SDK's batch processor and exporter as each ends.
 *
 * <p>Every start, end and event takes its time from {@code clock}: the call's own clock
 * ({@link CallClock}, anchored once) for a sampled call, the recorded times when an unsampled
 * call's spans are built after it ended ({@link UnsampledCall}).
 */
final class CallSpans implements CallTrace {
  static final String SKIPPED_EVENT = "candidate skipped";
  /** Each standing as its attribute value, made once rather than lowercased per candidate per call. */
  private static final String[] STANDINGS = Arrays.stream(CandidateScore.Standing.values())
      .map(standing -> standing.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);
  private final SpanPipeline pipeline;
  /** Attempt spans take their start and end from the attempt's own {@code nanoTime} record through it. */
  private final CallClock clock;
  private final RecordedSpan server;
  private final Map<AttemptRecord, RecordedSpan> attempts = new IdentityHashMap<>(2);
  private RecordedSpan route;
  private String requestContent;

  /**
   * @param parent the caller's trace context (root: none)
   * @param serverContext the server span's own context, its ids perhaps already announced to the caller
   */
  CallSpans(SpanPipeline pipeline, CallClock clock, Context parent, String method, String path,
      LocalSpanContext serverContext) {
    this.pipeline = pipeline;
    this.clock = clock;
    this.server =
        pipeline.start(method + " " + path, SpanKind.SERVER, Span.fromContext(parent).getSpanContext(), serverContext,
                clock.now())
            .set(HTTP_METHOD, method)
            .set(URL_PATH, path);
  }

  @Override
  public String traceId() {
    return server.getSpanContext().getTraceId();
  }

  @Override
  public String traceparent() {
    return Tracing.traceparent(serverSpanContext());
  }

  LocalSpanContext serverSpanContext() {
    return server.getSpanContext();
  }

  /** Who the call is from, on the server span: every trace of a consumer's call says so. */
  @Override
  public void authenticated(String consumer, String keyId, Map<String, String> attributes) {
    server.set(CONSUMER, consumer).set(CONSUMER_KEY, keyId);
    attributes.forEach((name, value) -> server.set(AttributeKey.stringKey(CONSUMER_ATTRIBUTE + name), value));
  }

  @Override
  public void routed(RequestFacts facts, Plan plan, String configVersion, String requestContent) {
    this.requestContent = requestContent;
    String policy = plan.policy().name();
    server.set(MODEL, facts.model()).set(POLICY, policy).set(STREAM, facts.stream());
    if (plan.rollout() != null) {
      server.set(ROLLOUT, plan.rollout().rollout()).set(ROLLOUT_ARM, plan.rollout().arm());
    }
    server.set(CONFIG_VERSION, configVersion);
    List<Candidate> candidates = plan.candidates();
    String[] order = new String[candidates.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = candidates.get(i).id();
    }
    RoutingDecision decision = plan.decision();
    route =
        pipeline.startChild("route " + policy, SpanKind.INTERNAL, server, clock.now())
            .set(POLICY, policy)
            .set(MODEL, facts.model())
            .set(CANDIDATES, Arrays.asList(order))
            .set(MAX_ATTEMPTS, (long) plan.maxAttempts());
    if (plan.caller().named()) {
      route.set(CALLER_FALLBACKS, plan.caller().fallbacks())
          .set(ROUTING_MODE, plan.caller().mode().wireName());
    }
    if (decision != null) {
      route.set(CHOICE, decision.chosen() == null ? "none" : decision.chosen())
          .set(REASON, decision.reason())
          .set(STICKY, decision.sticky())
          .set(EXPERIMENT_ARM, decision.experimentArm());
    } else {
      // An unscored plan (a gate without scoring): candidates go in the policy's order.
      route.set(CHOICE, order.length == 0 ? "none" : order[0])
          .set(REASON, order.length == 0 ? "no candidate can serve this request" : "first in policy order");
    }
    for (int rank = 0; rank < candidates.size(); rank++) {
      Candidate candidate = candidates.get(rank);
      route.event("candidate", candidateEvent(candidate, rank, decision == null ? null : decision.score(candidate.id())),
          clock.now());
    }
    for (Skip skip : plan.skipped()) {
      skipped(skip.target(), skip.reason());
    }
  }

  private static SpanAttributes candidateEvent(Candidate candidate, int rank, CandidateScore score) {
    SpanAttributes event = new SpanAttributes(score == null ? 3 : 12)
        .put(CANDIDATE, candidate.id()).put(RANK, (long) rank).put(TIER, (long) candidate.target().tier());
    if (score != null) {
      event.put(SCORE, score.score())
          .put(SCORE_HEALTH, score.health())
          .put(SCORE_LATENCY, score.latency())
          .put(SCORE_QUALITY, score.quality())
          .put(SCORE_COST, score.cost())
          .put(SCORE_HEADROOM, score.headroom())
          .put(STANDING, STANDINGS[score.standing().ordinal()])
          .put(CIRCUIT, score.circuit())
          .put(STANDING_REASON, score.reason());
    }
    return event;
  }

  /** A hedge decision, on the server span: it concerns the attempts, not the plan. */
  @Override
  public void hedge(String slowTarget, long afterMs, boolean launched) {
    server.event("hedge",
        new SpanAttributes(3).put(TARGET, slowTarget).put(HEDGE_AFTER_MS, afterMs).put(HEDGE_LAUNCHED, launched),
        clock.now());
  }

  @Override
  public void skipped(String target, String reason) {
    (route != null ? route : server).event(SKIPPED_EVENT,
        new SpanAttributes(2).put(CANDIDATE, target).put(SKIP_REASON, reason), clock.now());
  }

  @Override
  public void attemptStarted(AttemptRecord record) {
    endRoute();
    String model = record.target().model();
    RecordedSpan attempt =
        pipeline.startChild("chat " + model, SpanKind.CLIENT, server, clock.epochNanos(record.startNanos()))
            .set(GEN_AI_OPERATION, "chat")
            .set(GEN_AI_PROVIDER, record.providerName())
            .set(GEN_AI_REQUEST_MODEL, model)
            .set(ACCOUNT, record.account().name())
            .set(TARGET, record.target().id())
            .set(TIER, (long) record.target().tier())
            .set(FALLBACK_DEPTH, (long) record.fallbackDepth());
    ServerAddress address = ServerAddress.of(record.account().baseUrl());
    if (address.host() != null) {
      attempt.set(SERVER_ADDRESS, address.host()).set(SERVER_PORT, address.port());
    }
    JsonNode request = record.attempt().call().request();
    if (request.path("temperature").isNumber()) {
      attempt.set(GEN_AI_TEMPERATURE, request.get("temperature").asDouble());
    }
    JsonNode maxTokens = request.has("max_tokens") ? request.get("max_tokens") : request.path("max_completion_tokens");
    if (maxTokens.isNumber()) {
      attempt.set(GEN_AI_MAX_TOKENS, maxTokens.asLong());
    }
    if (request.path("top_p").isNumber()) {
      attempt.set(GEN_AI_TOP_P, request.get("top_p").asDouble());
    }
    attempt.set(GEN_AI_INPUT_MESSAGES, requestContent);
    attempts.put(record, attempt);
  }

  @Override
  public void attemptEnded(AttemptRecord record) {
    RecordedSpan span = attempts.remove(record);
    if (span == null) {
      return;
    }
    span.set(GEN_AI_RESPONSE_ID, record.responseId()).set(GEN_AI_RESPONSE_MODEL, record.responseModel());
    if (!record.finishReasons().isEmpty()) {
      span.set(GEN_AI_FINISH_REASONS, record.finishReasons());
    }
    if (record.outcome() == Outcome.SUCCESS) {
      span.set(GEN_AI_INPUT_TOKENS, record.usage().promptTokens())
          .set(GEN_AI_OUTPUT_TOKENS, record.usage().completionTokens())
          .set(COST_USD, record.costUsd());
    }
    if (record.timeToFirstTokenNanos() >= 0) {
      span.set(TTFT, AttemptRecord.seconds(record.timeToFirstTokenNanos()));
    }
    if (record.content() != null && !record.content().isEmpty()) {
      span.set(GEN_AI_OUTPUT_MESSAGES, record.content());
    }
    span.set(ERROR_TYPE, record.errorType());
    if (record.outcome() == Outcome.FAILURE) {
      span.set(FAILURE_CLASS, record.failureClass().name().toLowerCase(Locale.ROOT));
      // Failure summaries never carry a credential by contract; scrub anyway, traces leave the box.
      String summary = Redaction.scrub(record.failure().summary(), record.attempt().call().apiKey());
      span.set(FAILURE, summary).status(StatusCode.ERROR, summary);
    }
    span.end(clock.epochNanos(record.startNanos() + record.durationNanos()));
  }

  @Override
  public void finish(CallSummary call) {
    endRoute();
    server.set(HTTP_STATUS, (long) call.status()).set(ATTEMPTS, (long) call.attempts().size());
    if (call.servedBy() != null) {
      server.set(SERVED_BY, call.servedBy().target().id());
      if (call.servedBy().account() != null) {
        server.set(SERVED_REGION, call.servedBy().account().region());
      }
    }
    server.set(FALLBACK_REASON, call.fallbackReason());
    if (call.failedOver()) {
      server.set(FAILOVER, true);
    }
    if (call.status() >= 500) {
      server.set(ERROR_TYPE, Integer.toString(call.status())).status(StatusCode.ERROR, null);
    }
    server.end(clock.now());
  }

  private void endRoute() {
    if (route != null) {
      route.end(clock.now());
      route = null;
    }
  }
}
