package dev.spillway.proxy.failover;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.config.AccountConfig;
import dev.spillway.config.TimeoutConfig;
import dev.spillway.config.TimeoutOverrides;
import dev.spillway.proxy.config.Snapshot;
import dev.spillway.proxy.credentials.CredentialSource;
import dev.spillway.proxy.http.ApiError;
import dev.spillway.proxy.providers.ChunkFacts;
import dev.spillway.proxy.providers.ProviderAdapter;
import dev.spillway.proxy.providers.ProviderCall;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.Usage;
import dev.spillway.proxy.routing.Candidate;
import dev.spillway.proxy.routing.Plan;
import dev.spillway.proxy.routing.RequestShaper;
import dev.spillway.proxy.telemetry.CallObserver;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/**
 * Walks one request's candidates in order, handing out the next one that may be tried now and
 * recording every skip and failure; it shapes each attempt (timeouts adapted to the target and
 * bounded by the caller's deadline) and reports it in flight until it ends. Used by one {@link
 * AttemptRace}, under its lock; not thread-safe.
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
  private final CallDeadline deadline;
  /** Attempts in flight, by identity: each is reported ended exactly once. */
  private final Set<Attempt> inFlight = Collections.newSetFromMap(new IdentityHashMap<>());
  private int index;
  /** Candidates tried: what maxFallbackDepth bounds (retries of one target do not count). */
  private int attempts;
  private int minContextWindow;
  private ProviderFailure contextFailure;
  /** The last content-policy refusal, while every failure so far was one (else null). */
  private ProviderFailure refusal;
  private boolean otherFailure;
  /** The first rejection (a provider's 4xx), while every failure so far was one (else null). */
  private ProviderFailure rejection;
  private boolean failureOtherThanRejection;
  private final List<String> hedges = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> triesAt = new HashMap<>();

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
    this(plan, snapshot, request, model, gate, credentials, observer, shaper, CallDeadline.NONE);
  }

  /** @param deadline when the caller stops waiting: it bounds the whole chain */
  public CandidateCursor(
      Plan plan,
      Snapshot snapshot,
      ObjectNode request,
      String model,
      TargetGate gate,
      CredentialSource credentials,
      CallObserver observer,
      BiFunction<ObjectNode, Candidate, ObjectNode> shaper,
      CallDeadline deadline) {
    this.deadline = deadline;
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
      if (attempts >= plan.maxAttempts()) {
        skipped(candidate, AttemptLog.Outcome.STAKES, "stakes: max fallback depth " + (plan.maxAttempts() - 1)
            + " of policy '" + plan.policy().name() + "' reached (maxFallbackDepth)", null);
        continue;
      }
      int window = candidate.target().capabilities().contextWindow();
      if (contextFailure != null && window <= minContextWindow) {
        skipped(candidate, AttemptLog.Outcome.SKIPPED, "context window " + window + " is not larger than " + minContextWindow, null);
        continue;
      }
      Optional<Attempt> attempt = open(candidate);
      if (attempt.isPresent()) {
        attempts++;
        return attempt;
      }
    }
    return Optional.empty();
  }

  /**
   * The same target again, after a failed attempt the policy retries: admitted afresh (its breaker,
   * limits and budget may have changed), or empty when it may not be tried now.
   */
  public Optional<Attempt> retry(Attempt failed) {
    return open(failed.candidate());
  }

  /**
   * Milliseconds to wait before retrying the failed attempt's target, or -1 to move on: the policy's
   * retry rule, inside the caller's deadline.
   */
  public long retryDelayMs(Attempt failed, FailureClass failureClass, ProviderFailure failure) {
    int tries = triesAt.getOrDefault(failed.targetId(), 0);
    return Retries.delayMs(plan.policy().retry(), tries, failureClass, failure,
        deadline.remainingMs(System.nanoTime()), ThreadLocalRandom.current()::nextDouble);
  }

  /** An attempt at the candidate when it may be tried now, else empty (the skip is logged). */
  private Optional<Attempt> open(Candidate candidate) {
    long remainingMs = deadline.remainingMs(System.nanoTime());
    if (remainingMs <= 0) {
      skipped(candidate, AttemptLog.Outcome.DEADLINE, "the caller's deadline passed", null);
      return Optional.empty();
    }
    long typicalMs = gate.typicalLatencyMs(plan, candidate.target());
    if (typicalMs > remainingMs) {
      skipped(candidate, AttemptLog.Outcome.DEADLINE, "usually takes " + typicalMs + " ms, only " + remainingMs
          + " ms left before the caller's deadline", null);
      return Optional.empty();
    }
    Optional<TargetGate.Refusal> refusal = gate.admit(plan, candidate.target());
    if (refusal.isPresent()) {
      skipped(candidate, AttemptLog.Outcome.SKIPPED, refusal.get().reason(), refusal.get().retryAfter());
      return Optional.empty();
    }
    AccountConfig account = snapshot.config().account(candidate.target().account());
    ProviderAdapter adapter = snapshot.adapter(candidate.target().account());
    if (account == null || adapter == null) {
      gate.abandoned(plan, candidate.target(), 0, false);
      skipped(candidate, AttemptLog.Outcome.SKIPPED, "unknown account " + candidate.target().account(), null);
      return Optional.empty();
    }
    String apiKey = null;
    if (account.credentials() != null) {
      apiKey = credentials.lookup(account.credentials()).orElse(null);
      if (apiKey == null) {
        gate.abandoned(plan, candidate.target(), 0, false);
        skipped(candidate, AttemptLog.Outcome.SKIPPED, "missing credential", null);
        return Optional.empty();
      }
    }
    log.attempting();
    triesAt.merge(candidate.id(), 1, Integer::sum);
    TimeoutConfig timeouts = within(gate.attemptTimeouts(plan, candidate.target(), timeouts(account), lastResort()),
        remainingMs);
    ProviderCall call =
        new ProviderCall(candidate.target(), account, withUsage(shaper.apply(request, candidate)), apiKey, timeouts);
    Attempt attempt = new Attempt(candidate, adapter, call);
    inFlight.add(attempt);
    gate.started(plan, candidate.target(), attempt.startedNanos());
    observer.attemptStarted(attempt);
    return Optional.of(attempt);
  }

  /** Whether no candidate that may be tried is left after this one: it keeps the configured timeouts. */
  private boolean lastResort() {
    if (attempts + 1 >= plan.maxAttempts()) {
      return true;
    }
    // A candidate the decision refused (its circuit open) is refused again when reached: no fallback.
    // Counting it as one cut the only viable attempt at its adaptive deadline, a 503 for nothing.
    for (int i = index; i < plan.candidates().size(); i++) {
      if (!plan.refused(plan.candidates().get(i))) {
        return false;
      }
    }
    return true;
  }

  /** The timeouts, none ending after the caller's deadline. */
  private static TimeoutConfig within(TimeoutConfig timeouts, long remainingMs) {
    if (remainingMs == Long.MAX_VALUE) {
      return timeouts;
    }
    return new TimeoutConfig(Math.min(timeouts.connectMs(), remainingMs),
        Math.min(timeouts.firstTokenMs(), remainingMs), Math.min(timeouts.requestMs(), remainingMs));
  }

  /** The attempt is no longer in flight (answered, failed, abandoned, or its stream's first token came). */
  private void ended(Attempt attempt) {
    if (inFlight.remove(attempt)) {
      gate.ended(plan, attempt.candidate().target(), attempt.startedNanos());
    }
  }

  private void skipped(Candidate candidate, AttemptLog.Outcome kind, String reason, Duration rateLimit) {
    log.skipped(candidate.id(), kind, reason, rateLimit);
    observer.skipped(candidate, reason);
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
    ended(attempt);
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
    failureOtherThanRejection |= failureClass != FailureClass.REJECTED;
    if (failureClass == FailureClass.REJECTED && rejection == null) {
      rejection = failure;
    }
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
    ended(attempt);
    gate.succeeded(plan, attempt.candidate().target(), attempt.elapsedNanos(), usage);
    observer.attemptSucceeded(attempt);
  }

  /** A stream's first token arrived. */
  public void firstToken(Attempt attempt) {
    ended(attempt); // a stream that has started is no longer stuck, however long it goes on
    gate.firstToken(plan, attempt.candidate().target(), attempt.elapsedNanos());
    observer.firstToken(attempt);
  }

  /** How long to wait for this attempt before hedging it, or a negative number not to. */
  public long hedgeDelayMs(Attempt attempt) {
    return gate.hedgeDelayMs(plan, attempt.candidate().target());
  }

  /**
   * Whether the slow attempt is raced now: always when its target is shunned by now (its breaker
   * opened, a trigger demoted it), else when the hedge budget allows one more (spending it).
   */
  public boolean tryHedge(Attempt slow, long afterMs) {
    if (gate.shunned(plan, slow.candidate().target())) {
      hedges.add("hedged: " + slow.targetId() + " is shunned now and had not answered after " + afterMs + " ms");
      observer.hedge(slow, afterMs, true);
      return true;
    }
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
    ended(attempt);
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

  /** A stream chunk came back: what was read from its bytes as it passed. */
  public void received(Attempt attempt, ChunkFacts chunk) {
    observer.received(attempt, chunk);
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
   * nowhere, the refusal when every attempt was refused under a content policy, the first rejection
   * when every attempt rejected the request, else the 503 or 429 of the log.
   */
  public ApiError exhausted() {
    if (contextFailure != null) {
      return terminal(contextFailure);
    }
    // Every candidate refused: the refusal is the answer, not an outage.
    if (refusal != null) {
      return terminal(refusal);
    }
    // Every candidate tried rejected the request: most likely the client's mistake, answered as the
    // first provider worded it rather than as an outage.
    return rejection != null && !failureOtherThanRejection ? terminal(rejection) : log.exhausted(model);
  }
}
