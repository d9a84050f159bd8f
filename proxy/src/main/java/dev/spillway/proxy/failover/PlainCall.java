package dev.spillway.proxy.failover;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.proxy.http.ApiError;
import dev.spillway.proxy.providers.Completion;
import dev.spillway.proxy.providers.ProviderAdapter;
import dev.spillway.proxy.providers.ProviderCall;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.Usage;
import java.util.ArrayList;
import java.util.List;
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
 * request timeout, without holding a thread while waiting. When the policy hedges and an attempt
 * has not answered within its hedge delay, the next candidate is called alongside it; the first
 * good answer wins and the other call is cancelled (its connection closed). Completes with the
 * {@link Served} call, or exceptionally with the {@link ApiError} to answer. The operation is a
 * parameter: chat completions by default, embeddings, images or speech for the media endpoints;
 * every answer is judged before it may win, and a rejected one fails its attempt (retryable).
 *
 * <p>Upstream callbacks and timers come from different threads; transitions hold this object's
 * lock, only ever for in-memory work.
 *
 * @param <R> what the operation answers with
 */
public final class PlainCall<R> {
  private static final Logger LOG = LoggerFactory.getLogger(PlainCall.class);

  /** One upstream call of the operation. Cancelling its future aborts the call. */
  public interface Operation<R> {
    CompletableFuture<R> invoke(ProviderAdapter adapter, ProviderCall call);

    /** The answer's JSON body (telemetry sees it), or null when it has none (audio). */
    default ObjectNode body(R answer) {
      return null;
    }

    /** The tokens the answer used (budgets count them). */
    default Usage usage(R answer) {
      return Usage.NONE;
    }

    /** An operation answering with a {@link Completion}: its body and usage are known. */
    static Operation<Completion> json(Operation<Completion> invoke) {
      return new Operation<>() {
        @Override
        public CompletableFuture<Completion> invoke(ProviderAdapter adapter, ProviderCall call) {
          return invoke.invoke(adapter, call);
        }

        @Override
        public ObjectNode body(Completion answer) {
          return answer.body();
        }

        @Override
        public Usage usage(Completion answer) {
          return answer.usage();
        }
      };
    }
  }

  /** Judges an answer: why it must not be served, or empty when it may. */
  public interface Judge<R> {
    Optional<ProviderFailure> judge(Attempt attempt, R answer);
  }

  /** Chat completions. */
  public static final Operation<Completion> CHAT = Operation.json(ProviderAdapter::complete);

  private final CandidateCursor cursor;
  private final ScheduledExecutorService scheduler;
  private final Operation<R> operation;
  private final Judge<R> judge;
  private final CompletableFuture<Served<R>> result = new CompletableFuture<>();
  /** Attempts in flight: one, or two while a hedge races the attempt it hedges. */
  private final List<Running> running = new ArrayList<>(2);

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
    return start(cursor, scheduler, CHAT, answerCheck::plain);
  }

  /** Any operation; a rejected answer fails its attempt (retryable) before it is served. */
  public static <R> PlainCall<R> start(
      CandidateCursor cursor, ScheduledExecutorService scheduler, Operation<R> operation, Judge<R> judge) {
    PlainCall<R> call = new PlainCall<>(cursor, scheduler, operation, judge);
    synchronized (call) {
      call.attemptNext();
    }
    return call;
  }

  public CompletableFuture<Served<R>> result() {
    return result;
  }

  /** The client went away: stop the upstream calls and try nothing more. */
  public synchronized void abandon() {
    if (result.cancel(false)) {
      stopAll(false);
    }
  }

  private void attemptNext() {
    if (result.isDone()) {
      return;
    }
    Optional<Attempt> next = nextAttempt();
    if (next == null) {
      return;
    }
    if (next.isEmpty()) {
      result.completeExceptionally(cursor.exhausted());
      return;
    }
    launch(next.get(), false);
  }

  /** The next attempt; null when choosing failed (the result then holds the error). */
  private Optional<Attempt> nextAttempt() {
    try {
      return cursor.next();
    } catch (RuntimeException e) {
      // Runs on upstream callback threads: an escaping exception would leave the client waiting.
      result.completeExceptionally(e);
      stopAll(false);
      return null;
    }
  }

  private void launch(Attempt attempt, boolean hedge) {
    long timeoutMs = attempt.call().timeouts().requestMs();
    CompletableFuture<R> call = invoke(attempt);
    Running run = new Running(attempt, call, hedge);
    running.add(run);
    run.deadline =
        scheduler.schedule(
            () -> {
              run.timedOut.set(true);
              call.cancel(true); // cancelling the adapter's future aborts the upstream exchange
            },
            timeoutMs,
            TimeUnit.MILLISECONDS);
    long hedgeMs = hedge ? -1 : cursor.hedgeDelayMs(attempt);
    if (hedgeMs >= 0 && hedgeMs < timeoutMs) {
      run.hedgeTimer = scheduler.schedule(() -> hedge(run, hedgeMs), hedgeMs, TimeUnit.MILLISECONDS);
    }
    call.whenComplete((completion, error) -> outcome(run, completion, error));
  }

  private synchronized void hedge(Running slow, long afterMs) {
    if (result.isDone() || running.size() != 1 || running.get(0) != slow || !cursor.tryHedge(slow.attempt, afterMs)) {
      return;
    }
    Optional<Attempt> next = nextAttempt();
    if (next != null && next.isPresent()) {
      launch(next.get(), true);
    }
  }

  private synchronized void outcome(Running run, R answer, Throwable error) {
    if (!running.remove(run)) {
      return; // stopped already: it lost a race or the client left
    }
    run.stopTimers();
    if (result.isDone()) {
      return;
    }
    Optional<ProviderFailure> rejected = error == null ? judge.judge(run.attempt, answer) : Optional.empty();
    if (error == null && rejected.isEmpty()) {
      ObjectNode body = operation.body(answer);
      if (body != null) {
        cursor.received(run.attempt, body);
      }
      cursor.succeeded(run.attempt, operation.usage(answer));
      // The winner's rival lost: a hedged attempt was overtaken (slow), a hedge merely not needed.
      stopAll(run.hedge);
      result.complete(new Served<>(run.attempt, answer));
      return;
    }
    ProviderFailure failure =
        rejected.isPresent()
            ? rejected.get()
            : run.timedOut.get()
                ? ProviderFailure.timeout("timeout after " + run.attempt.call().timeouts().requestMs() + " ms")
                : asFailure(error);
    FailureClass failureClass = cursor.failed(run.attempt, failure);
    LOG.debug("{} failed ({}): {}", run.attempt.targetId(), failureClass, failure.summary());
    if (failureClass == FailureClass.TERMINAL) {
      stopAll(false);
      result.completeExceptionally(cursor.terminal(failure));
    } else if (running.isEmpty()) {
      attemptNext();
    } // else the other attempt of the race is still running: its outcome decides
  }

  private void stopAll(boolean lostHedge) {
    List<Running> stopped = new ArrayList<>(running);
    running.clear();
    for (Running run : stopped) {
      run.stopTimers();
      run.call.cancel(true);
      cursor.abandoned(run.attempt, lostHedge);
    }
  }

  private CompletableFuture<R> invoke(Attempt attempt) {
    try {
      return operation.invoke(attempt.adapter(), attempt.call());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
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

  /** One upstream call in flight, with its timers. */
  private static final class Running {
    final Attempt attempt;
    final CompletableFuture<?> call;
    final boolean hedge;
    final AtomicBoolean timedOut = new AtomicBoolean();
    ScheduledFuture<?> deadline;
    ScheduledFuture<?> hedgeTimer;

    Running(Attempt attempt, CompletableFuture<?> call, boolean hedge) {
      this.attempt = attempt;
      this.call = call;
      this.hedge = hedge;
    }

    void stopTimers() {
      if (deadline != null) {
        deadline.cancel(false);
      }
      if (hedgeTimer != null) {
        hedgeTimer.cancel(false);
      }
    }
  }
}
