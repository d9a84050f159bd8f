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
import dev.spillway.proxy.routing.Candidate;
import dev.spillway.proxy.routing.Plan;
import dev.spillway.proxy.routing.RequestShaper;
import dev.spillway.proxy.telemetry.CallObserver;
import java.time.Duration;
import java.util.Optional;

/**
 * Walks one request's candidates in order, handing out the next one that may be tried now and
 * recording every skip and failure. Shared by plain and streaming calls; not thread-safe (each
 * request's driver calls it from one logical sequence).
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
  private int index;
  private int attempts;
  private int minContextWindow;
  private ProviderFailure contextFailure;

  public CandidateCursor(
      Plan plan, Snapshot snapshot, ObjectNode request, String model, TargetGate gate, CredentialSource credentials) {
    this(plan, snapshot, request, model, gate, credentials, CallObserver.NOOP);
  }

  /** @param observer told of every skip, attempt and outcome (telemetry) */
  public CandidateCursor(
      Plan plan,
      Snapshot snapshot,
      ObjectNode request,
      String model,
      TargetGate gate,
      CredentialSource credentials,
      CallObserver observer) {
    this.observer = observer;
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
      Optional<TargetGate.Refusal> refusal = gate.refusal(candidate.target());
      if (refusal.isPresent()) {
        skipped(candidate, refusal.get().reason(), refusal.get().retryAfter());
        continue;
      }
      AccountConfig account = snapshot.config().account(candidate.target().account());
      ProviderAdapter adapter = snapshot.adapter(candidate.target().account());
      if (account == null || adapter == null) {
        skipped(candidate, "unknown account " + candidate.target().account(), null);
        continue;
      }
      String apiKey = null;
      if (account.credentials() != null) {
        apiKey = credentials.lookup(account.credentials()).orElse(null);
        if (apiKey == null) {
          skipped(candidate, "missing credential", null);
          continue;
        }
      }
      attempts++;
      log.attempting();
      ProviderCall call =
          new ProviderCall(
              candidate.target(), account, RequestShaper.shape(request, candidate), apiKey, timeouts(account));
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
      return "max fallback depth " + (plan.maxAttempts() - 1) + " reached";
    }
    int window = candidate.target().capabilities().contextWindow();
    if (contextFailure != null && window <= minContextWindow) {
      return "context window " + window + " is not larger than " + minContextWindow;
    }
    return null;
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
    gate.recordFailure(attempt.candidate().target(), failureClass, failure);
    observer.attemptFailed(attempt, failure, failureClass);
    if (failureClass == FailureClass.CONTEXT_LENGTH) {
      contextFailure = failure;
      minContextWindow = Math.max(minContextWindow, attempt.candidate().target().capabilities().contextWindow());
    }
    return failureClass;
  }

  public void succeeded(Attempt attempt) {
    gate.recordSuccess(attempt.candidate().target());
    observer.attemptSucceeded(attempt);
  }

  /** A plain completion body or a stream chunk came back (read by telemetry: usage, ids). */
  public void received(Attempt attempt, ObjectNode bodyOrChunk) {
    observer.received(attempt, bodyOrChunk);
  }

  /** A stream's first content token arrived. */
  public void firstToken(Attempt attempt) {
    observer.firstToken(attempt);
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
   * nowhere, else the 503 or 429 of the log.
   */
  public ApiError exhausted() {
    if (contextFailure != null) {
      return terminal(contextFailure);
    }
    return log.exhausted(model);
  }
}
