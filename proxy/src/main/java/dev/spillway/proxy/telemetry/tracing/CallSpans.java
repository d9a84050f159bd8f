package dev.spillway.proxy.telemetry.tracing;

import static dev.spillway.proxy.telemetry.tracing.SpanKeys.*;

import dev.spillway.proxy.routing.Plan;
import dev.spillway.proxy.routing.RequestFacts;
import dev.spillway.proxy.telemetry.AttemptRecord;
import dev.spillway.proxy.telemetry.CallSummary;
import dev.spillway.proxy.telemetry.tracing.otlp.SpanWriter;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The spans of one call: a SERVER span for the request; under it a routing span (the policy, the
 * candidates in order, the choice, skips as events) that lasts until the first upstream call
 * ({@link RouteSpan}); and a CLIENT span per attempt carrying the GenAI conventions
 * ({@link AttemptSpan}). Skips found after the first attempt, and hedge decisions, are events on the
 * server span. Called under the request's lock, so never concurrently.
 *
 * <p>While the call runs only its facts are kept (most are the call's own records, held anyway);
 * when it finishes its spans are written in the order they ended — the route, the attempts, the
 * server span — into one {@link SpanWriter} and sent together. Why at the end and not as each ends:
 * over OTLP/HTTP the writer puts the facts straight into the bytes the export sends, so no span
 * object is built, and the call's spans reach the export queue in one step instead of three. A
 * route or attempt span thus reaches the collector when its call ends, not before.
 *
 * <p>Every time is read from {@code clock}: the call's own clock ({@link CallClock}, anchored once)
 * for a sampled call, the recorded times when an unsampled call's spans are built after it ended
 * ({@link UnsampledCall}).
 */
final class CallSpans implements CallTrace {
  private final SpanPipeline pipeline;
  private final CallClock clock;
  private final SpanContext parent;
  private final LocalSpanContext server;
  private final String method;
  private final String path;
  private final long start;
  private String consumer;
  private String consumerKey;
  private Map<String, String> consumerAttributes = Map.of();
  private RouteSpan route;
  private String configVersion;
  private String requestContent;
  /** Attempts started whose span is not written yet, and those that ended, in the order they ended. */
  private final List<AttemptRecord> started = new ArrayList<>(2);
  private final List<AttemptRecord> ended = new ArrayList<>(2);
  /** Events of the server span: hedges, and skips after the routing span ended. */
  private List<CallEvent> serverEvents = List.of();
  private boolean finished;

  /**
   * @param parent the caller's trace context (root: none)
   * @param serverContext the server span's own context, its ids perhaps already announced to the caller
   */
  CallSpans(SpanPipeline pipeline, CallClock clock, Context parent, String method, String path,
      LocalSpanContext serverContext) {
    this.pipeline = pipeline;
    this.clock = clock;
    this.parent = Span.fromContext(parent).getSpanContext();
    this.server = serverContext;
    this.method = method;
    this.path = path;
    this.start = clock.now();
  }

  @Override
  public String traceId() {
    return server.getTraceId();
  }

  @Override
  public String traceparent() {
    return Tracing.traceparent(server);
  }

  LocalSpanContext serverSpanContext() {
    return server;
  }

  /** Who the call is from, on the server span: every trace of a consumer's call says so. */
  @Override
  public void authenticated(String consumer, String keyId, Map<String, String> attributes) {
    this.consumer = consumer;
    this.consumerKey = keyId;
    this.consumerAttributes = attributes == null ? Map.of() : attributes;
  }

  @Override
  public void routed(RequestFacts facts, Plan plan, String configVersion, String requestContent) {
    this.configVersion = configVersion;
    this.requestContent = requestContent;
    this.route = new RouteSpan(facts, plan, clock.now());
  }

  /** A hedge decision, on the server span: it concerns the attempts, not the plan. */
  @Override
  public void hedge(String slowTarget, long afterMs, boolean launched) {
    serverEvent(new CallEvent.Hedge(clock.now(), slowTarget, afterMs, launched));
  }

  @Override
  public void skipped(String target, String reason) {
    CallEvent.Skipped skip = new CallEvent.Skipped(clock.now(), target, reason);
    if (route != null && !route.ended()) {
      route.skipped(skip);
    } else {
      serverEvent(skip);
    }
  }

  private void serverEvent(CallEvent event) {
    if (serverEvents.isEmpty()) {
      serverEvents = new ArrayList<>(2);
    }
    serverEvents.add(event);
  }

  @Override
  public void attemptStarted(AttemptRecord record) {
    endRoute();
    started.add(record);
  }

  @Override
  public void attemptEnded(AttemptRecord record) {
    for (int i = 0; i < started.size(); i++) {
      if (started.get(i) == record) {
        started.remove(i);
        ended.add(record);
        return;
      }
    }
  }

  /** Writes and sends the call's spans; attempts that have not ended are left out, as before. */
  @Override
  public void finish(CallSummary call) {
    if (finished) {
      return;
    }
    finished = true;
    endRoute();
    SpanWriter out = pipeline.spans();
    if (route != null) {
      route.write(out, server);
    }
    for (AttemptRecord attempt : ended) {
      AttemptSpan.write(out, server, attempt, requestContent, clock);
    }
    writeServer(out, call);
    out.send();
  }

  private void writeServer(SpanWriter out, CallSummary call) {
    out.span(method + " " + path, SpanKind.SERVER, parent, server, start, clock.now())
        .string(HTTP_METHOD, method)
        .string(URL_PATH, path)
        .string(CONSUMER, consumer)
        .string(CONSUMER_KEY, consumerKey);
    consumerAttributes.forEach((name, value) -> out.string(AttributeKey.stringKey(CONSUMER_ATTRIBUTE + name), value));
    if (route != null) {
      Plan plan = route.plan();
      out.string(MODEL, route.facts().model()).string(POLICY, plan.policy().name()).flag(STREAM, route.facts().stream());
      if (plan.rollout() != null) {
        out.string(ROLLOUT, plan.rollout().rollout()).string(ROLLOUT_ARM, plan.rollout().arm());
      }
      out.string(CONFIG_VERSION, configVersion);
    }
    out.number(HTTP_STATUS, call.status()).number(ATTEMPTS, call.attempts().size());
    if (call.servedBy() != null) {
      out.string(SERVED_BY, call.servedBy().target().id());
      if (call.servedBy().account() != null) {
        out.string(SERVED_REGION, call.servedBy().account().region());
      }
    }
    out.string(FALLBACK_REASON, call.fallbackReason());
    if (call.failedOver()) {
      out.flag(FAILOVER, true);
    }
    boolean serverError = call.status() >= 500;
    if (serverError) {
      out.string(ERROR_TYPE, Integer.toString(call.status()));
    }
    serverEvents.forEach(event -> event.write(out));
    out.end(serverError ? StatusCode.ERROR : StatusCode.UNSET, null);
  }

  private void endRoute() {
    if (route != null) {
      route.end(clock.now());
    }
  }
}
