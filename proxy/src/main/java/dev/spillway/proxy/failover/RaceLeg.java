package dev.spillway.proxy.failover;

import dev.spillway.proxy.providers.ProviderFailure;

/**
 * One attempt running inside an {@link AttemptRace}: the upstream call of one candidate. A leg
 * says how its call is made and when it commits — a plain call when its whole answer has passed
 * its checks, a stream when its first real token has — and reports to the race; the race owns
 * its timers, hedging and what happens next. Only ever touched under the race's lock.
 */
public abstract class RaceLeg {
  /** What the leg waits for before it may be served. */
  public enum CommitRule {
    /** A plain call: the whole answer, judged. */
    WHOLE_ANSWER("request"),
    /** A stream: the first real token, its held-back prefix judged. */
    FIRST_TOKEN("first token");

    final String deadlineName;

    CommitRule(String deadlineName) {
      this.deadlineName = deadlineName;
    }
  }

  protected final Attempt attempt;
  /** Whether this leg was started as a hedge of a slower one. */
  final boolean hedge;
  AttemptRace race;
  RaceTimers.Cancel commitTimer;
  RaceTimers.Cancel endTimer;
  RaceTimers.Cancel hedgeTimer;

  protected RaceLeg(Attempt attempt, boolean hedge) {
    this.attempt = attempt;
    this.hedge = hedge;
  }

  public Attempt attempt() {
    return attempt;
  }

  /** The race this leg runs in: report to it, and hold its lock for the leg's own state. */
  protected AttemptRace race() {
    return race;
  }

  protected abstract CommitRule commitRule();

  /** Starts the upstream call; outcomes go to {@link AttemptRace#commit}, {@link AttemptRace#failed}, {@link AttemptRace#completed}. */
  protected abstract void start();

  /** Closes the upstream call; later callbacks of this leg are ignored by the race. */
  protected abstract void cancel();

  /** The committed leg failed after its answer started reaching the client (streams only). */
  protected void failedAfterCommit(ProviderFailure failure) {}

  /** Milliseconds the leg may take to commit. */
  long commitTimeoutMs() {
    return commitRule() == CommitRule.FIRST_TOKEN
        ? attempt.call().timeouts().firstTokenMs()
        : attempt.call().timeouts().requestMs();
  }

  /** Milliseconds the leg may take in all (a stream goes on after its first token). */
  long endTimeoutMs() {
    return attempt.call().timeouts().requestMs();
  }

  /** Cancels the timers that only matter before the leg commits. */
  void stopCommitTimers() {
    cancel(commitTimer);
    cancel(hedgeTimer);
  }

  void stopTimers() {
    stopCommitTimers();
    cancel(endTimer);
  }

  /** Stops the timers and closes the upstream call. */
  void stop() {
    stopTimers();
    cancel();
  }

  private static void cancel(RaceTimers.Cancel timer) {
    if (timer != null) {
      timer.cancel();
    }
  }
}
