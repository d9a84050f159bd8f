package dev.spillway.proxy.failover;

import dev.spillway.proxy.http.ApiError;
import dev.spillway.proxy.providers.Completion;
import dev.spillway.proxy.providers.ProviderAdapter;
import dev.spillway.proxy.providers.ProviderCall;
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
 * or exceptionally with the {@link ApiError} to answer. The operation is a parameter: chat
 * completions by default, embeddings, images or speech for the media endpoints.
 *
 * @param <R> what the operation answers with
 */
public final class PlainCall<R> {
  private static final Logger LOG = LoggerFactory.getLogger(PlainCall.class);

  /** One upstream call of the operation. Cancelling its future aborts the call. */
  public interface Operation<R> {
    CompletableFuture<R> invoke(ProviderAdapter adapter, ProviderCall call);
  }

  /** Judges an answer: why it must not be served, or empty when it may. */
  public interface Judge<R> {
    Optional<ProviderFailure> judge(Attempt attempt, R answer);
  }

  private final CandidateCursor cursor;
  private final ScheduledExecutorService scheduler;
  private final Operation<R> operation;
  private final Judge<R> judge;
  private final CompletableFuture<Served<R>> result = new CompletableFuture<>();
  private volatile CompletableFuture<R> inFlight;

  private PlainCall(CandidateCursor cursor, ScheduledExecutorService scheduler, Operation<R> operation, Judge<R> judge) {
    this.cursor = cursor;
    this.scheduler = scheduler;
    this.operation = operation;
    this.judge = judge;
  }

  public static PlainCall<Completion> start(CandidateCursor cursor, ScheduledExecutorService scheduler) {
    return start(cursor, scheduler, AnswerCheck.NONE);
  }

  /** A chat completion; {@code answerCheck} judges each answer before it is served. */
  public static PlainCall<Completion> start(
      CandidateCursor cursor, ScheduledExecutorService scheduler, AnswerCheck answerCheck) {
    return start(cursor, scheduler, ProviderAdapter::complete, answerCheck::plain);
  }

  /** Any operation; a rejected answer fails its attempt (retryable) before it is served. */
  public static <R> PlainCall<R> start(
      CandidateCursor cursor, ScheduledExecutorService scheduler, Operation<R> operation, Judge<R> judge) {
    PlainCall<R> call = new PlainCall<>(cursor, scheduler, operation, judge);
    call.attemptNext();
    return call;
  }

  public CompletableFuture<Served<R>> result() {
    return result;
  }

  /** The client went away: stop the upstream call and try nothing more. */
  public void abandon() {
    if (result.cancel(false)) {
      CompletableFuture<R> call = inFlight;
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
    CompletableFuture<R> call = invoke(attempt);
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
        (answer, error) -> {
          deadline.cancel(false);
          if (error == null) {
            answered(attempt, answer);
          } else if (!result.isDone()) {
            failed(attempt, timedOut.get() ? ProviderFailure.timeout("timeout after " + timeoutMs + " ms") : asFailure(error));
          }
        });
  }

  private void answered(Attempt attempt, R answer) {
    Optional<ProviderFailure> rejected = judge.judge(attempt, answer);
    if (rejected.isPresent()) {
      if (!result.isDone()) {
        failed(attempt, rejected.get());
      }
      return;
    }
    cursor.succeeded(attempt);
    result.complete(new Served<>(attempt, answer));
  }

  private CompletableFuture<R> invoke(Attempt attempt) {
    try {
      return operation.invoke(attempt.adapter(), attempt.call());
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
