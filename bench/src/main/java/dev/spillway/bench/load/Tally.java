package dev.spillway.bench.load;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The open-loop run's outcome, recorded from the generator's two threads: each answer's latency from
 * when its call was due, the calls and errors, and a permit per finished call for the run's end.
 */
final class Tally {
  private final Recorder latency =
      new Recorder(TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.SECONDS.toNanos(60), 3);
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final Semaphore finished = new Semaphore(0);

  /** A whole answer arrived for the call due at {@code due}; anything but 200 is an error. */
  void answered(long due, int status) {
    latency.recordValue(Math.max(0, System.nanoTime() - due));
    if (status != 200) {
      errors.incrementAndGet();
    }
    calls.incrementAndGet();
    finished.release();
  }

  /** The call broke (connection refused, closed or unreadable): an error without a latency. */
  void failed() {
    errors.incrementAndGet();
    calls.incrementAndGet();
    finished.release();
  }

  /** Waits until {@code scheduled} calls have finished, at most {@code timeoutMs}; false if some are still out. */
  boolean awaitAll(long scheduled, long timeoutMs) throws InterruptedException {
    return finished.tryAcquire(Math.toIntExact(scheduled), timeoutMs, TimeUnit.MILLISECONDS);
  }

  /** Once the connections are closed: the calls scheduled but never finished count as errors. */
  void countUnfinished(long scheduled) {
    long missing = Math.max(0, scheduled - calls.get());
    errors.addAndGet(missing);
    calls.addAndGet(missing);
  }

  Histogram latency() {
    return latency.getIntervalHistogram();
  }

  long calls() {
    return calls.get();
  }

  long errors() {
    return errors.get();
  }
}
