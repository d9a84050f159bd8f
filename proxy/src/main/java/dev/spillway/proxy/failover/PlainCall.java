package dev.spillway.proxy.failover;

import dev.spillway.proxy.http.ApiError;
import dev.spillway.proxy.providers.Completion;
import dev.spillway.proxy.providers.ProviderFailure;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a plain (non-streaming) call: tries candidates one after another, each bounded by its
 * request timeout, without holding a thread while waiting. Completes with the {@link Served} call,
 * or exceptionally with the {@link ApiError} to answer.
 */
public final class PlainCall {
  private static final Logger LOG = LoggerFactory.getLogger(PlainCall.class);

  private final CandidateCursor cursor;
  private final ScheduledExecutorService scheduler;
  private final CompletableFuture<Served> result = new CompletableFuture<>();
  private volatile CompletableFuture<Completion> inFlight;

  private PlainCall(CandidateCursor cursor, ScheduledExecutorService scheduler) {
    this.cursor = cursor;
    this.scheduler = scheduler;
  }

  public static PlainCall start(CandidateCursor cursor, ScheduledExecutorService scheduler) {
    PlainCall call = new PlainCall(cursor, scheduler);
    call.attemptNext();
    return call;
  }

  public CompletableFuture<Served> result() {
    return result;
  }

  /** The client went away: stop the upstream call and try nothing more. */
  public void abandon() {
    if (result.cancel(false)) {
      CompletableFuture<Completion> call = inFlight;
      if (call != null) {
        call.cancel(true);
      }
    }
  }

  private void attemptNext() {
    if (result.isDone()) {
      return;
    }
    Optional<Attempt> next;
    try {
      next = cursor.next();
    } catch (RuntimeException e) {
      // Runs on upstream callback threads: an escaping exception would leave the client waiting.
      result.completeExceptionally(e);
      return;
    }
    if (next.isEmpty()) {
      result.completeExceptionally(cursor.exhausted());
      return;
    }
    Attempt attempt = next.get();
    long timeoutMs = attempt.call().timeouts().requestMs();
    AtomicBoolean timedOut = new AtomicBoolean();
    CompletableFuture<Completion> call = invoke(attempt);
    inFlight = call;
    ScheduledFuture<?> deadline =
        scheduler.schedule(
            () -> {
              timedOut.set(true);
              call.cancel(true); // cancelling the adapter's future aborts the upstream exchange
            },
            timeoutMs,
            TimeUnit.MILLISECONDS);
    call.whenComplete(
        (completion, error) -> {
          deadline.cancel(false);
          if (error == null) {
            cursor.received(attempt, completion.body());
            cursor.succeeded(attempt);
            result.complete(new Served(attempt, completion));
          } else if (!result.isDone()) {
            failed(attempt, timedOut.get() ? ProviderFailure.timeout("timeout after " + timeoutMs + " ms") : asFailure(error));
          }
        });
  }

  private static CompletableFuture<Completion> invoke(Attempt attempt) {
    try {
      return attempt.adapter().complete(attempt.call());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private void failed(Attempt attempt, ProviderFailure failure) {
    FailureClass failureClass = cursor.failed(attempt, failure);
    LOG.debug("{} failed ({}): {}", attempt.targetId(), failureClass, failure.summary());
    if (failureClass == FailureClass.TERMINAL) {
      result.completeExceptionally(cursor.terminal(failure));
    } else {
      attemptNext();
    }
  }

  static ProviderFailure asFailure(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof ProviderFailure failure) {
      return failure;
    }
    if (cause instanceof CancellationException) {
      return ProviderFailure.timeout("cancelled");
    }
    LOG.warn("adapter failed unexpectedly", cause);
    return ProviderFailure.protocol("adapter error: " + cause.getClass().getSimpleName());
  }
}
