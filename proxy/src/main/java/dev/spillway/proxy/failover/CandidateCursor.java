package dev.spillway.proxy.failover;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.config.AccountConfig;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.config.TimeoutOverrides;
import dev.spillway.proxy.config.Snapshot;
import dev.spillway.proxy.credentials.CredentialSource;
import dev.spillway.proxy.http.ApiError;
import dev.spillway.proxy.providers.ProviderAdapter;
import dev.spillway.proxy.providers.ProviderCall;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.Usage;
import dev.spillway.proxy.routing.Candidate;
import dev.spillway.proxy.routing.Plan;
import dev.spillway.proxy.routing.RequestShaper;
import dev.spillway.proxy.routing.Skip;
import dev.spillway.proxy.telemetry.CallObserver;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/**
 * Walks one request's candidates in order, handing out the next one that may be tried now and
 * recording every skip and failure. Shared by plain and streaming calls; not thread-safe (each
 * request's driver calls it from one logical sequence, under its own lock when it hedges).
 */
public final class CandidateCursor {
  private final Plan plan;
  private final Snapshot snapshot;
  private final ObjectNode request;
  private final String model;
  private final TargetGate gate;
  private final CredentialSource credentials;
  private final AttemptLog log;
  private final CallObserver observer;
  private final BiFunction<ObjectNode, Candidate, ObjectNode> shaper;
  private int index;
  private int attempts;
  private int minContextWindow;
  private ProviderFailure contextFailure;
  /** The last content-policy refusal, while every failure so far was one (else null). */
  private ProviderFailure refusal;
  private boolean otherFailure;
  private final List<String> hedges = new CopyOnWriteArrayList<>();

  public CandidateCursor(
      Plan plan, Snapshot snapshot, ObjectNode request, String model, TargetGate gate, CredentialSource credentials) {
    this(plan, snapshot, request, model, gate, credentials, CallObserver.NOOP);
  }

  /** @param observer told of every skip, attempt, hedge and outcome (telemetry) */
  public CandidateCursor(
      Plan plan,
      Snapshot snapshot,
      ObjectNode request,
      String model,
      TargetGate gate,
      CredentialSource credentials,
      CallObserver observer) {
    this(plan, snapshot, request, model, gate, credentials, observer, RequestShaper::shape);
  }

  /**
   * @param shaper the body one candidate receives, from the client's (chat calls apply the logical
   *     model's defaults; media calls only name the target's model)
   */
  public CandidateCursor(
      Plan plan,
      Snapshot snapshot,
      ObjectNode request,
      String model,
      TargetGate gate,
      CredentialSource credentials,
      CallObserver observer,
      BiFunction<ObjectNode, Candidate, ObjectNode> shaper) {
    this.observer = observer;
    this.shaper = shaper;
    this.plan = plan;
    this.snapshot = snapshot;
    this.request = request;
    this.model = model;
    this.gate = gate;
    this.credentials = credentials;
    this.log = new AttemptLog(plan.skipped());
  }

  public AttemptLog log() {
    return log;
  }

  public Plan plan() {
    return plan;
  }

  /** The next candidate to call, or empty when none is left. */
  public Optional<Attempt> next() {
    while (index < plan.candidates().size()) {
      Candidate candidate = plan.candidates().get(index++);
      String skip = skipReason(candidate);
      if (skip != null) {
        skipped(candidate, skip, null);
        continue;
      }
      Optional<TargetGate.Refusal> refusal = gate.admit(plan, candidate.target());
      if (refusal.isPresent()) {
        skipped(candidate, refusal.get().reason(), refusal.get().retryAfter());
        continue;
      }
      AccountConfig account = snapshot.config().account(candidate.target().account());
      ProviderAdapter adapter = snapshot.adapter(candidate.target().account());
      if (account == null || adapter == null) {
        gate.abandoned(plan, candidate.target(), 0, false);
        skipped(candidate, "unknown account " + candidate.target().account(), null);
        continue;
      }
      String apiKey = null;
      if (account.credentials() != null) {
        apiKey = credentials.lookup(account.credentials()).orElse(null);
        if (apiKey == null) {
          gate.abandoned(plan, candidate.target(), 0, false);
          skipped(candidate, "missing credential", null);
          continue;
        }
      }
      attempts++;
      log.attempting();
      ProviderCall call =
          new ProviderCall(
              candidate.target(), account, withUsage(shaper.apply(request, candidate)), apiKey, timeouts(account));
      Attempt attempt = new Attempt(candidate, adapter, call);
      observer.attemptStarted(attempt);
      return Optional.of(attempt);
    }
    return Optional.empty();
  }

  private void skipped(Candidate candidate, String reason, Duration rateLimit) {
    log.skipped(candidate.id(), reason, rateLimit);
    observer.skipped(candidate, reason);
  }

  /** Why what happened so far rules this candidate out, or null when it does not. */
  private String skipReason(Candidate candidate) {
    if (attempts >= plan.maxAttempts()) {
      return Skip.STAKES + "max fallback depth " + (plan.maxAttempts() - 1) + " of policy '" + plan.policy().name()
          + "' reached (maxFallbackDepth)";
    }
    int window = candidate.target().capabilities().contextWindow();
    if (contextFailure != null && window <= minContextWindow) {
      return "context window " + window + " is not larger than " + minContextWindow;
    }
    return null;
  }

  /**
   * Streams ask the provider for their usage (so spend and token limits can be settled); the usage
   * chunk is passed on only when the client asked for it too ({@link #clientWantsUsage()}).
   */
  private static ObjectNode withUsage(ObjectNode body) {
    if (body.path("stream").asBoolean(false) && !body.path("stream_options").path("include_usage").asBoolean(false)) {
      // A copy: the shaped body shares its nested values with the client's request, which must keep
      // saying whether the client asked for the usage chunk.
      ObjectNode options = body.get("stream_options") instanceof ObjectNode object ? object.deepCopy() : body.objectNode();
      body.set("stream_options", options.put("include_usage", true));
    }
    return body;
  }

  /** The client's own request asked for the usage chunk of a stream. */
  public boolean clientWantsUsage() {
    return request.path("stream_options").path("include_usage").asBoolean(false);
  }

  private TimeoutConfig timeouts(AccountConfig account) {
    TimeoutConfig base = account.timeouts() != null ? account.timeouts() : TimeoutConfig.DEFAULTS;
    TimeoutOverrides overrides = plan.policy().timeouts();
    return overrides != null ? overrides.applyTo(base) : base;
  }

  /** Records a failed attempt and says what it means for the rest of the request. */
  public FailureClass failed(Attempt attempt, ProviderFailure failure) {
    FailureClass failureClass = FailureClassifier.classify(failure);
    log.failed(
        attempt.targetId(),
        failure.summary(),
        failure.status() == 429 ? HealthMarks.rateLimitWait(failure) : null);
    // A refusal says nothing about the target's health: booked like a request-caused failure.
    FailureClass booked = failureClass == FailureClass.CONTENT_POLICY ? FailureClass.TERMINAL : failureClass;
    gate.failed(plan, attempt.candidate().target(), attempt.elapsedNanos(), booked, failure);
    observer.attemptFailed(attempt, failure, failureClass);
    otherFailure |= failureClass != FailureClass.CONTENT_POLICY;
    refusal = failureClass == FailureClass.CONTENT_POLICY && !otherFailure ? failure : null;
    if (failureClass == FailureClass.CONTENT_POLICY && !plan.policy().contentPolicyFallback()) {
      return FailureClass.TERMINAL; // the policy answers refusals to the client
    }
    if (failureClass == FailureClass.CONTEXT_LENGTH) {
      contextFailure = failure;
      minContextWindow = Math.max(minContextWindow, attempt.candidate().target().capabilities().contextWindow());
    }
    return failureClass;
  }

  public void succeeded(Attempt attempt, Usage usage) {
    gate.succeeded(plan, attempt.candidate().target(), attempt.elapsedNanos(), usage);
    observer.attemptSucceeded(attempt);
  }

  /** A stream's first token arrived. */
  public void firstToken(Attempt attempt) {
    gate.firstToken(plan, attempt.candidate().target(), attempt.elapsedNanos());
    observer.firstToken(attempt);
  }

  /** How long to wait for this attempt before hedging it, or a negative number not to. */
  public long hedgeDelayMs(Attempt attempt) {
    return gate.hedgeDelayMs(plan, attempt.candidate().target());
  }

  /** Whether the hedge budget allows one more hedge now (spends it when it does). */
  public boolean tryHedge(Attempt slow, long afterMs) {
    if (!gate.tryHedge(plan)) {
      hedges.add("not hedged: " + slow.targetId() + " slower than " + afterMs + " ms, hedge budget spent");
      observer.hedge(slow, afterMs, false);
      return false;
    }
    hedges.add("hedged: " + slow.targetId() + " had not answered after " + afterMs + " ms");
    observer.hedge(slow, afterMs, true);
    return true;
  }

  /**
   * An attempt stopped without its own outcome. One overtaken by its hedge is logged (the request
   * fell back from it); a cancelled hedge or an attempt the client left is not.
   */
  public void abandoned(Attempt attempt, boolean lostHedge) {
    long elapsed = attempt.elapsedNanos();
    gate.abandoned(plan, attempt.candidate().target(), elapsed, lostHedge);
    observer.attemptAbandoned(attempt, lostHedge);
    if (lostHedge) {
      log.failed(attempt.targetId(), "overtaken by a hedge after " + elapsed / 1_000_000 + " ms", null);
    }
  }

  /** Hedge decisions of this request, in order, for the trace. */
  public List<String> hedges() {
    return List.copyOf(hedges);
  }

  /** A plain completion body or a stream chunk came back (read by telemetry: usage, ids). */
  public void received(Attempt attempt, ObjectNode bodyOrChunk) {
    observer.received(attempt, bodyOrChunk);
  }

  /** The answer for a terminal failure: the provider's own error, with its status. */
  public ApiError terminal(ProviderFailure failure) {
    // A context-length error inside a stream carries no status of its own.
    int status = failure.status() >= 400 ? failure.status() : 400;
    return failure.clientError() != null
        ? ApiError.passthrough(status, failure.clientError())
        : ApiError.of(status, "invalid_request_error", null, null,
            "The provider rejected the request (" + failure.summary() + ")");
  }

  /**
   * The answer when no candidate is left: the provider's context-length error when the prompt fit
   * nowhere, the refusal when every attempt was refused under a content policy, else the 503 or 429
   * of the log.
   */
  public ApiError exhausted() {
    if (contextFailure != null) {
      return terminal(contextFailure);
    }
    // Every candidate refused: the refusal is the answer, not an outage.
    return refusal != null ? terminal(refusal) : log.exhausted(model);
  }
}
