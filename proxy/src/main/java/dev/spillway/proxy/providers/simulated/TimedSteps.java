package dev.spillway.proxy.providers.simulated;

import dev.spillway.proxy.providers.Cancellable;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs steps one after another on a scheduler: the first after an initial delay, each next one a
 * fixed gap after the previous has run. Because a step is only scheduled once the previous one
 * has run, steps never overlap. Cancelling stops the pending timer and every later step.
 */
final class TimedSteps implements Cancellable {
  private final ScheduledExecutorService scheduler;
  private final Iterator<Runnable> steps;
  private final long gapMs;
  private ScheduledFuture<?> pending;
  private boolean cancelled;

  private TimedSteps(ScheduledExecutorService scheduler, List<Runnable> steps, long gapMs) {
    this.scheduler = scheduler;
    this.steps = List.copyOf(steps).iterator();
    this.gapMs = gapMs;
  }

  static TimedSteps start(
      ScheduledExecutorService scheduler, long delayMs, long gapMs, List<Runnable> steps) {
    TimedSteps timed = new TimedSteps(scheduler, steps, gapMs);
    timed.scheduleNext(delayMs);
    return timed;
  }

  private synchronized void scheduleNext(long delayMs) {
    if (!cancelled && steps.hasNext()) {
      pending = scheduler.schedule(this::runNext, delayMs, TimeUnit.MILLISECONDS);
    }
  }

  private void runNext() {
    Runnable step;
    synchronized (this) {
      if (cancelled) {
        return;
      }
      step = steps.next();
    }
    step.run();
    scheduleNext(gapMs);
  }

  @Override
  public synchronized void cancel() {
    cancelled = true;
    if (pending != null) {
      pending.cancel(false);
    }
  }
}
