package dev.spillway.proxy.failover;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;

/**
 * Where a race's deadlines, hedge delays, retry back-offs and a stream's hold wait: on the server's IO thread that
 * schedules them when it is one (every plain call and stream starts on the IO thread that read the
 * request), else on the shared scheduler.
 *
 * <p>Why not always the scheduler: every call arms a timer (its hedge delay, hedging being on by
 * default, and its deadline once that delay has passed) and cancels it a millisecond later. On a
 * {@code ScheduledThreadPoolExecutor} a timer that becomes the queue's head wakes its thread, which
 * happens whenever the queue was empty or its head was cancelled: JFR and {@code /proc} at a fixed
 * rate showed the timer thread woken ~0.3 times a call, a third thread competing with the two IO
 * threads on two cores, and the queue's lock shared by both IO threads (docs/benchmarks.md, "The
 * tail at 75 % of saturation"). An IO thread's own timers sit in its event loop: arming one from
 * that thread wakes nothing, and it fires between two selects, on the thread that owns the call.
 */
public final class RaceTimers {
  /** Cancels a timer: the task does not run afterwards (unless it already started). */
  @FunctionalInterface
  public interface Cancel {
    void cancel();
  }

  private final ScheduledExecutorService scheduler;

  RaceTimers(ScheduledExecutorService scheduler) {
    this.scheduler = scheduler;
  }

  Cancel schedule(Runnable task, long ms) {
    return scheduleNanos(task, TimeUnit.MILLISECONDS.toNanos(Math.max(0, ms)));
  }

  Cancel scheduleNanos(Runnable task, long nanos) {
    long delay = Math.max(0, nanos);
    XnioIoThread loop = XnioIoThread.currentThread();
    if (loop != null) {
      // The event loop's timers count whole milliseconds: round up, so a timer never fires early.
      long ms = (delay + 999_999) / 1_000_000;
      XnioExecutor.Key key = loop.executeAfter(task, ms, TimeUnit.MILLISECONDS);
      return key::remove;
    }
    ScheduledFuture<?> future = scheduler.schedule(task, delay, TimeUnit.NANOSECONDS);
    return () -> future.cancel(false);
  }
}
