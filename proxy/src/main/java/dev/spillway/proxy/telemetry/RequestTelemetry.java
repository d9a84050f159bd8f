package dev.spillway.proxy.telemetry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.failover.Attempt;
import dev.spillway.proxy.failover.AttemptLog;
import dev.spillway.proxy.failover.FailureClass;
import dev.spillway.proxy.providers.ChunkFacts;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.routing.Candidate;
import dev.spillway.proxy.routing.Plan;
import dev.spillway.proxy.routing.RequestFacts;
import dev.spillway.proxy.telemetry.AttemptRecord.Outcome;
import dev.spillway.proxy.telemetry.metrics.ProxyMetrics;
import dev.spillway.proxy.telemetry.tracing.CallTrace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The observer of one call: keeps its attempts and hands them to the spans as they happen, to the
 * metrics as each attempt ends, and to metrics and the access log when the exchange completes.
 * Every method holds this object's lock: timers, upstream callbacks and the IO thread all report
 * here, and each report is a few field writes.
 */
final class RequestTelemetry implements CallObserver {
  private final Instant start;
  private final long startNanos = System.nanoTime();
  private final CallTrace spans;
  private final ProxyMetrics metrics;
  private final AccessLog accessLog;
  private final boolean captureContent;
  private final String requestId;
  private final Consumer<CallSummary> listener;
  private final List<AttemptRecord> attempts = new ArrayList<>(2);
  private final Map<Attempt, AttemptRecord> byAttempt = new IdentityHashMap<>(2);
  private RequestFacts facts;
  private String policy;
  private Plan plan;
  private String configVersion;
  private AttemptLog log;
  private String requestContent;
  private String consumer;
  private String consumerKey;
  private Map<String, String> consumerAttributes = Map.of();
  private boolean finished;

  /**
   * @param spans null when tracing is off
   * @param requestId the call's {@code x-request-id}, or null
   * @param listener hears every finished call (the live page); must not block
   */
  RequestTelemetry(Instant start, CallTrace spans, ProxyMetrics metrics, AccessLog accessLog, boolean captureContent,
      String requestId, Consumer<CallSummary> listener) {
    this.start = start;
    this.spans = spans;
    this.metrics = metrics;
    this.accessLog = accessLog;
    this.captureContent = captureContent;
    this.requestId = requestId;
    this.listener = listener;
  }

  /** The trace id, or null when tracing is off. */
  String traceId() {
    return spans == null ? null : spans.traceId();
  }

  /** The W3C traceparent naming this call's server span, or null when tracing is off. */
  String traceparent() {
    return spans == null ? null : spans.traceparent();
  }

  @Override
  public synchronized void authenticated(String consumer, String keyId, Map<String, String> attributes) {
    this.consumer = consumer;
    this.consumerKey = keyId;
    this.consumerAttributes = attributes;
    if (spans != null) {
      spans.authenticated(consumer, keyId, attributes);
    }
  }

  @Override
  public synchronized void routed(
      ObjectNode request, RequestFacts facts, Plan plan, AttemptLog log, String configVersion) {
    this.facts = facts;
    this.policy = plan.policy().name();
    this.plan = plan;
    this.configVersion = configVersion;
    this.log = log;
    if (captureContent && request.has("messages")) {
      requestContent = request.get("messages").toString();
    }
    if (spans != null) {
      spans.routed(facts, plan, configVersion, requestContent);
    }
  }

  @Override
  public synchronized void skipped(Candidate candidate, String reason) {
    if (spans != null && !finished) {
      spans.skipped(candidate.id(), reason);
    }
  }

  @Override
  public synchronized void attemptStarted(Attempt attempt) {
    if (finished) {
      return;
    }
    AttemptRecord record = new AttemptRecord(attempt, attempts.size(), System.nanoTime(), captureContent);
    attempts.add(record);
    byAttempt.put(attempt, record);
    if (spans != null) {
      spans.attemptStarted(record);
    }
  }

  @Override
  public synchronized void received(Attempt attempt, ObjectNode bodyOrChunk) {
    AttemptRecord record = open(attempt);
    if (record != null) {
      record.response().absorb(bodyOrChunk);
    }
  }

  @Override
  public synchronized void received(Attempt attempt, ChunkFacts chunk) {
    AttemptRecord record = open(attempt);
    if (record != null) {
      record.response().absorb(chunk);
    }
  }

  @Override
  public synchronized void firstToken(Attempt attempt) {
    AttemptRecord record = open(attempt);
    if (record != null) {
      record.firstToken(System.nanoTime());
    }
  }

  @Override
  public synchronized void attemptSucceeded(Attempt attempt) {
    end(open(attempt), Outcome.SUCCESS, null, null);
  }

  @Override
  public synchronized void attemptFailed(Attempt attempt, ProviderFailure failure, FailureClass failureClass) {
    end(open(attempt), Outcome.FAILURE, failure, failureClass);
  }

  @Override
  public synchronized void attemptAbandoned(Attempt attempt, boolean lostHedge) {
    end(open(attempt), lostHedge ? Outcome.OVERTAKEN : Outcome.CANCELLED, null, null);
  }

  @Override
  public synchronized void hedge(Attempt slow, long afterMs, boolean launched) {
    if (finished) {
      return;
    }
    if (spans != null) {
      spans.hedge(slow.targetId(), afterMs, launched);
    }
    metrics.hedge(slow.targetId(), launched);
  }

  /**
   * The exchange is complete (the response is sent, or the client went away).
   *
   * @param endNanos when it completed ({@link System#nanoTime}): the end of the call's latency
   */
  synchronized void finish(int status, long endNanos) {
    if (finished) {
      return;
    }
    // Attempts still running (a client that left, a stream cut short) end here, so the spans of
    // this trace all end before its root.
    for (AttemptRecord record : attempts) {
      if (record.outcome() == Outcome.IN_FLIGHT) {
        end(record, Outcome.CANCELLED, null, null);
      }
    }
    finished = true;
    AttemptRecord served = null;
    for (AttemptRecord record : attempts) {
      if (record.outcome() == Outcome.SUCCESS) {
        served = record; // the last one that succeeded
      }
    }
    CallSummary summary =
        new CallSummary(
            start,
            endNanos - startNanos,
            status,
            facts == null ? null : facts.model(),
            policy,
            configVersion,
            facts != null && facts.stream(),
            served,
            attempts,
            log == null ? null : log.fallbackReason(),
            traceId(),
            requestContent,
            consumer,
            consumerKey,
            consumerAttributes,
            plan,
            requestId);
    if (spans != null) {
      spans.finish(summary);
    }
    metrics.requestEnded(summary);
    accessLog.write(summary);
    listener.accept(summary);
  }

  private AttemptRecord open(Attempt attempt) {
    AttemptRecord record = byAttempt.get(attempt);
    return record != null && record.outcome() == Outcome.IN_FLIGHT && !finished ? record : null;
  }

  private void end(AttemptRecord record, Outcome how, ProviderFailure failure, FailureClass failureClass) {
    if (record == null) {
      return;
    }
    record.ended(how, System.nanoTime(), failure, failureClass);
    if (spans != null) {
      spans.attemptEnded(record);
    }
    metrics.attemptEnded(record, consumer);
  }
}
