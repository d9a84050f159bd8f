package dev.spillway.proxy.failover;

import dev.spillway.proxy.http.ApiError;
import dev.spillway.proxy.providers.ProviderFailure;
import dev.spillway.proxy.providers.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's attempt race, for plain calls and streams alike. It asks the {@link CandidateCursor}
 * for candidates, runs each as a {@link RaceLeg} bounded by its timers, hedges a leg that is slow
 * to commit with the next candidate (the first to commit is served, its rival cancelled), retries
 * the same target when the policy says so, and hands an exhausted call to the cursor for its one
 * error. Plain calls and streams differ only in when a leg commits ({@link RaceLeg.CommitRule}).
 *
 * <p>Upstream callbacks and timers come from different threads; every transition holds this
 * object's lock (legs synchronize on the race too), only ever for in-memory work.
 */
public final class AttemptRace {
  private static final Logger LOG = LoggerFactory.getLogger(AttemptRace.class);

  /** Makes the leg that runs one attempt. */
  public interface Legs {
    RaceLeg leg(Attempt attempt, boolean hedge);
  }

  private final CandidateCursor cursor;
  private final RaceTimers timers;
  private final Legs legs;
  private final Consumer<ApiError> reject;
  /** Legs in flight: one, or two while a hedge races the leg it hedges. */
  private final List<RaceLeg> running = new ArrayList<>(2);
  /** The leg being served: the only one whose answer reaches the client. */
  private RaceLeg committed;
  private RaceTimers.Cancel pendingRetry;
  private boolean finished;

  /**
   * @param reject answers the client with an error while nothing has been sent to it yet
   */
  public AttemptRace(CandidateCursor cursor, ScheduledExecutorService scheduler, Legs legs, Consumer<ApiError> reject) {
    this.cursor = cursor;
    this.timers = new RaceTimers(scheduler);
    this.legs = legs;
    this.reject = reject;
  }

  public CandidateCursor cursor() {
    return cursor;
  }

  public synchronized void start() {
    attemptNext();
  }

  /** The client went away: stop the upstream calls and try nothing more. */
  public synchronized void abandon() {
    if (!finished) {
      finish();
      stopAll(false);
    }
  }

  /** Whether the leg's callbacks still matter: it runs and the call is not over. */
  public synchronized boolean live(RaceLeg leg) {
    return !finished && running.contains(leg);
  }

  public synchronized boolean isCommitted(RaceLeg leg) {
    return committed == leg;
  }

  /**
   * Runs {@code task} for the leg after {@code nanos}, under this race's lock, unless by then the
   * leg no longer runs or the call is over. Cancel the returned timer when it is no longer needed.
   */
  public RaceTimers.Cancel later(RaceLeg leg, long nanos, Runnable task) {
    return timers.scheduleNanos(() -> {
      synchronized (this) {
        if (live(leg)) {
          task.run();
        }
      }
    }, nanos);
  }

  /** A stream's first token arrived: from now on only the leg's overall deadline applies. */
  public synchronized void tokenArrived(RaceLeg leg) {
    if (live(leg)) {
      leg.stopCommitTimers();
    }
  }

  /**
   * The leg's answer may be served. Returns true when it is now the served leg (its rival is
   * stopped: a hedged leg overtaken by its hedge lost, a hedge merely not needed did not); false
   * when another leg won or the call is over, and the leg must send nothing.
   */
  public synchronized boolean commit(RaceLeg leg) {
    if (!live(leg) || committed != null) {
      return false;
    }
    committed = leg;
    leg.stopCommitTimers();
    running.remove(leg);
    stopAll(leg.hedge);
    running.add(leg);
    return true;
  }

  /** The served leg's answer is complete. */
  public synchronized void completed(RaceLeg leg, Usage usage) {
    if (!live(leg) || committed != leg) {
      return;
    }
    cursor.succeeded(leg.attempt, usage);
    finish();
  }

  /**
   * The leg failed. Before it committed, the call moves on unseen by the client: the same target
   * again when the policy retries this failure, else the next candidate, unless the failure says
   * every candidate would refuse the request (then the client gets it at once). After it committed,
   * the leg ends its answer with an explicit error.
   */
  public synchronized void failed(RaceLeg leg, ProviderFailure failure) {
    if (!live(leg)) {
      return;
    }
    running.remove(leg);
    leg.stop();
    FailureClass failureClass = cursor.failed(leg.attempt, failure);
    LOG.debug("{} failed ({}): {}", leg.attempt.targetId(), failureClass, failure.summary());
    if (committed == leg) {
      finish();
      leg.failedAfterCommit(failure);
    } else if (failureClass == FailureClass.TERMINAL) {
      finish();
      stopAll(false);
      reject.accept(cursor.terminal(failure));
    } else if (running.isEmpty()) {
      retryOrNext(leg.attempt, failureClass, failure);
    } // else the other leg of the hedge race is still running: its outcome decides
  }

  private void retryOrNext(Attempt failedAttempt, FailureClass failureClass, ProviderFailure failure) {
    long delayMs = cursor.retryDelayMs(failedAttempt, failureClass, failure);
    if (delayMs < 0) {
      attemptNext();
      return;
    }
    pendingRetry = schedule(() -> retry(failedAttempt), delayMs);
  }

  private synchronized void retry(Attempt failedAttempt) {
    pendingRetry = null;
    if (finished) {
      return;
    }
    Optional<Attempt> again = choose(() -> cursor.retry(failedAttempt));
    if (again == null) {
      return;
    }
    if (again.isPresent()) {
      launch(again.get(), false);
    } else {
      attemptNext();
    }
  }

  private void attemptNext() {
    Optional<Attempt> next = choose(cursor::next);
    if (next == null) {
      return;
    }
    if (next.isEmpty()) {
      finish();
      reject.accept(cursor.exhausted());
      return;
    }
    launch(next.get(), false);
  }

  /** The attempt the chooser hands out; null when choosing failed (the client then has its error). */
  private Optional<Attempt> choose(Supplier<Optional<Attempt>> chooser) {
    try {
      return chooser.get();
    } catch (RuntimeException e) {
      // Runs on upstream callback threads: an escaping exception would leave the client waiting.
      if (!(e instanceof ApiError)) {
        LOG.error("choosing the next candidate failed", e);
      }
      finish();
      stopAll(false);
      reject.accept(e instanceof ApiError error ? error : ApiError.of(500, "server_error", null, null, "internal error"));
      return null;
    }
  }

  private void launch(Attempt attempt, boolean hedge) {
    RaceLeg leg = legs.leg(attempt, hedge);
    leg.race = this;
    running.add(leg);
    long commitMs = leg.commitTimeoutMs();
    String commitDeadline = leg.commitRule().deadlineName;
    Runnable commitDue = () -> onDeadline(leg, commitDeadline, commitMs);
    if (leg.commitRule() == RaceLeg.CommitRule.FIRST_TOKEN) {
      long endMs = leg.endTimeoutMs();
      leg.endTimer = schedule(() -> onDeadline(leg, "request", endMs), endMs);
    }
    long hedgeMs = hedge ? -1 : cursor.hedgeDelayMs(attempt);
    if (hedgeMs >= 0 && hedgeMs < commitMs) {
      // The commit deadline is armed when the hedge delay has passed, for what is left of it: one
      // timer in the event loop's tree a call instead of two, most calls ending before either.
      long commitDueNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(commitMs);
      leg.hedgeTimer = schedule(() -> hedgeDelayPassed(leg, hedgeMs, commitDueNanos, commitDue), hedgeMs);
    } else {
      leg.commitTimer = schedule(commitDue, commitMs);
    }
    try {
      leg.start();
    } catch (RuntimeException e) {
      LOG.warn("adapter failed unexpectedly", e);
      failed(leg, ProviderFailure.protocol("adapter error: " + e.getClass().getSimpleName()));
    }
  }

  /**
   * The leg has not committed within its hedge delay: the next candidate races it, budget
   * permitting. When the budget says no, the leg is looked at again at twice the delay: by then its
   * target may be shunned (breaker open, demoted), and a call stuck on a shunned target is raced
   * without spending budget, so a spent budget never leaves callers waiting on a dead target.
   */
  private synchronized void hedge(RaceLeg slow, long afterMs) {
    if (finished || committed != null || running.size() != 1 || running.get(0) != slow) {
      return;
    }
    if (!cursor.tryHedge(slow.attempt, afterMs)) {
      long again = afterMs * 2;
      if (again < slow.commitTimeoutMs()) {
        slow.hedgeTimer = schedule(() -> hedge(slow, again), afterMs);
      }
      return;
    }
    Optional<Attempt> next = choose(cursor::next);
    if (next != null && next.isPresent()) {
      launch(next.get(), true);
    }
  }

  private synchronized void hedgeDelayPassed(RaceLeg leg, long hedgeMs, long commitDueNanos, Runnable commitDue) {
    if (!live(leg) || committed == leg) {
      return; // its commit timers were stopped meanwhile: nothing left to time
    }
    leg.commitTimer = timers.scheduleNanos(commitDue, commitDueNanos - System.nanoTime());
    hedge(leg, hedgeMs);
  }

  private synchronized void onDeadline(RaceLeg leg, String deadline, long ms) {
    if (live(leg)) {
      failed(leg, ProviderFailure.timeout(deadline + " timeout after " + ms + " ms"));
    }
  }

  private RaceTimers.Cancel schedule(Runnable task, long ms) {
    return timers.schedule(task, ms);
  }

  private void finish() {
    finished = true;
    running.forEach(RaceLeg::stopTimers);
    if (pendingRetry != null) {
      pendingRetry.cancel();
      pendingRetry = null;
    }
  }

  /** Stops every running leg, closing its upstream call; none of them is served. */
  private void stopAll(boolean lostHedge) {
    List<RaceLeg> stopped = new ArrayList<>(running);
    running.clear();
    for (RaceLeg leg : stopped) {
      leg.stop();
      cursor.abandoned(leg.attempt, lostHedge);
    }
  }
}
