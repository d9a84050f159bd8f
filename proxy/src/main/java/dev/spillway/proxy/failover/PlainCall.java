package dev.spillway.proxy.failover;

import dev.spillway.proxy.http.ApiError;
import dev.spillway.proxy.providers.Completion;
import dev.spillway.proxy.providers.ProviderFailure;
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
 * {@link Served} call, or exceptionally with the {@link ApiError} to answer.
 *
 * <p>Upstream callbacks and timers come from different threads; transitions hold this object's
 * lock, only ever for in-memory work.
 */
public final class PlainCall {
  private static final Logger LOG = LoggerFactory.getLogger(PlainCall.class);

  private final CandidateCursor cursor;
  private final ScheduledExecutorService scheduler;
  private final CompletableFuture<Served> result = new CompletableFuture<>();
  /** Attempts in flight: one, or two while a hedge races the attempt it hedges. */
  private final List<Running> running = new ArrayList<>(2);

  private PlainCall(CandidateCursor cursor, ScheduledExecutorService scheduler) {
    this.cursor = cursor;
    this.scheduler = scheduler;
  }

  public static PlainCall start(CandidateCursor cursor, ScheduledExecutorService scheduler) {
    PlainCall call = new PlainCall(cursor, scheduler);
    synchronized (call) {
      call.attemptNext();
    }
    return call;
  }

  public CompletableFuture<Served> result() {
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
    CompletableFuture<Completion> call = invoke(attempt);
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

  private synchronized void outcome(Running run, Completion completion, Throwable error) {
    if (!running.remove(run)) {
      return; // stopped already: it lost a race or the client left
    }
    run.stopTimers();
    if (result.isDone()) {
      return;
    }
    if (error == null) {
      cursor.received(run.attempt, completion.body());
      cursor.succeeded(run.attempt, completion.usage());
      // The winner's rival lost: a hedged attempt was overtaken (slow), a hedge merely not needed.
      stopAll(run.hedge);
      result.complete(new Served(run.attempt, completion));
      return;
    }
    ProviderFailure failure =
        run.timedOut.get()
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

  private static CompletableFuture<Completion> invoke(Attempt attempt) {
    try {
      return attempt.adapter().complete(attempt.call());
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
    final CompletableFuture<Completion> call;
    final boolean hedge;
    final AtomicBoolean timedOut = new AtomicBoolean();
    ScheduledFuture<?> deadline;
    ScheduledFuture<?> hedgeTimer;

    Running(Attempt attempt, CompletableFuture<Completion> call, boolean hedge) {
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
