package dev.spillway.proxy.bounds;

import dev.spillway.proxy.providers.ProviderFailure;

/**
 * Ends a body that stops making progress: nothing arrived for the idle limit. Upstream answers
 * (headers arrived, then the provider stalled: without it the attempt waits for its overall
 * deadline, and a stream forever) and client request bodies (a client that stops sending would
 * hold its buffer and connection). One timer per body, re-armed only when it fires, so a chunk
 * costs a clock read rather than a timer operation. Thread-safe.
 */
public final class ProgressWatch {
  /** Schedules a task after a delay; returns what cancels it. */
  @FunctionalInterface
  public interface Timers {
    Runnable schedule(Runnable task, long delayNanos);
  }

  private final long idleNanos;
  private final Timers timers;
  private final Runnable onStall;
  private volatile long last;
  private volatile boolean stopped;
  private volatile Runnable cancelTimer = () -> {};

  public ProgressWatch(long idleMs, Timers timers, Runnable onStall) {
    this.idleNanos = idleMs * 1_000_000L;
    this.timers = timers;
    this.onStall = onStall;
  }

  public void start() {
    last = System.nanoTime();
    arm(idleNanos);
  }

  /** Bytes arrived. */
  public void progressed() {
    last = System.nanoTime();
  }

  /** The body ended, failed or was cancelled: no more checks. */
  public void stop() {
    stopped = true;
    cancelTimer.run();
  }

  private void arm(long delayNanos) {
    if (!stopped) {
      cancelTimer = timers.schedule(this::check, delayNanos);
    }
  }

  private void check() {
    if (stopped) {
      return;
    }
    long quiet = System.nanoTime() - last;
    if (quiet >= idleNanos) {
      stopped = true;
      onStall.run();
    } else {
      arm(idleNanos - quiet);
    }
  }

  /** The failure a stall becomes: a timeout, which fails over like any other. */
  public static ProviderFailure stalled(long idleMs) {
    return ProviderFailure.timeout("upstream body stalled for " + idleMs + " ms");
  }
}
