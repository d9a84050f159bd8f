package dev.spillway.proxy.providers.simulated;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** A real scheduler that remembers every delay asked of it, so tests check latency without waiting. */
final class RecordingScheduler extends ScheduledThreadPoolExecutor {
  final List<Long> delaysMs = new CopyOnWriteArrayList<>();

  RecordingScheduler() {
    super(1);
    setRemoveOnCancelPolicy(true);
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    delaysMs.add(unit.toMillis(delay));
    return super.schedule(command, delay, unit);
  }

  /** Timers still waiting to fire (cancelled ones are removed at once). */
  int pendingTimers() {
    return getQueue().size();
  }
}
