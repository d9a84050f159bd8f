package dev.spillway.bench.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Open-loop load at a fixed rate, free of coordinated omission (the wrk2 model): each of the
 * connections owns every n-th slot of one global schedule, and a call's latency is measured from
 * the time it was due to start, not from when it was sent. A stall on the proxy therefore shows as
 * latency of every call that should have started during it. Debian's wrk has no fixed-rate mode
 * (that is wrk2, not packaged) and its Lua {@code delay()} measures from the actual send, so this
 * small Java generator does it instead.
 */
public final class ConstantRate {
  private ConstantRate() {}

  public record Result(Histogram latency, long calls, long errors, double achievedRate) {}

  public static Result run(Target target, int connections, double ratePerSecond, long durationMs)
      throws InterruptedException {
    Recorder recorder = new Recorder(TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.SECONDS.toNanos(60), 3);
    AtomicLong calls = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long periodNs = (long) (1e9 / ratePerSecond);
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
    long end = start + TimeUnit.MILLISECONDS.toNanos(durationMs);
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      int offset = c;
      Thread thread = new Thread(() -> {
        try (BlockingConnection connection = new BlockingConnection(target)) {
          for (long slot = offset; ; slot += connections) {
            long due = start + slot * periodNs;
            if (due >= end) {
              return;
            }
            waitUntil(due);
            try {
              int status = connection.call();
              recorder.recordValue(System.nanoTime() - due);
              if (status != 200) {
                errors.incrementAndGet();
              }
            } catch (IOException e) {
              errors.incrementAndGet();
              connection.close();
            }
            calls.incrementAndGet();
          }
        }
      }, "rate-" + c);
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(recorder.getIntervalHistogram(), calls.get(), errors.get(), calls.get() / seconds);
  }

  private static void waitUntil(long due) {
    // Parking only, no spinning: spinning threads would steal the two cores from the systems under
    // test. The wake-up lateness (tens of µs) lands on every system alike, the direct path included.
    for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
  }
}
