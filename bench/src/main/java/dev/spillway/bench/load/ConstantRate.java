package dev.spillway.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Open-loop load at a fixed rate, free of coordinated omission (the wrk2 model): each of the
 * connections owns every n-th slot of one global schedule, and a call's latency is measured from
 * the time it was due to start, not from when it was sent. A stall on the proxy therefore shows as
 * latency of every call that should have started during it. Debian's wrk has no fixed-rate mode
 * (that is wrk2, not packaged) and its Lua {@code delay()} measures from the actual send, so this
 * small Java generator does it instead.
 *
 * <p>Two threads whatever the connection count, so the generator's own CPU per call stays near
 * wrk's: the caller's thread keeps the schedule (parks until the next slot, then writes the
 * pre-encoded request on a non-blocking connection), one selector thread reads the answers and
 * sends the slots that came due while their connection was busy. The former generator (a blocking
 * connection and a thread per connection) cost about three times wrk's CPU per call, which at 75 %
 * of the proxy's saturation took the proxy's share of the two cores (docs/benchmarks.md).
 */
public final class ConstantRate {
  /** How long calls still out after the last slot may take before they count as errors. */
  static final long DRAIN_MS = 30_000;
  private static final int READ_BUFFER_BYTES = 64 * 1024;

  private ConstantRate() {}

  /**
   * @param cpuMicrosPerCall the generator's own CPU time (both threads) per call made
   */
  public record Result(Histogram latency, long calls, long errors, double achievedRate, double cpuMicrosPerCall) {}

  public static Result run(Target target, int connections, double ratePerSecond, long durationMs)
      throws InterruptedException {
    if (connections < 1 || !(ratePerSecond > 0) || durationMs <= 0) {
      throw new IllegalArgumentException("connections, rate and duration must be positive: "
          + connections + ", " + ratePerSecond + "/s, " + durationMs + " ms");
    }
    double periodNs = 1e9 / ratePerSecond;
    Tally tally = new Tally();
    try (Selector selector = Selector.open()) {
      long[] origin = new long[1];
      RateConnection.Schedule schedule = slot -> origin[0] + (long) (slot * periodNs);
      RateConnection[] all = new RateConnection[connections];
      for (int c = 0; c < connections; c++) {
        all[c] = new RateConnection(target, selector, schedule, tally, c, connections);
        all[c].open();
      }
      Answers answers = new Answers(selector);
      Thread reader = new Thread(answers, "rate-answers");
      reader.setDaemon(true);
      ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
      long ownCpuBefore = cpu.getCurrentThreadCpuTime();
      reader.start();
      long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
      origin[0] = start;
      long end = start + TimeUnit.MILLISECONDS.toNanos(durationMs);
      long scheduled = 0;
      for (long due = start; due < end; due = schedule.due(++scheduled)) {
        waitUntil(due);
        all[(int) (scheduled % connections)].due();
      }
      boolean drained = tally.awaitAll(scheduled, DRAIN_MS);
      double seconds = (System.nanoTime() - start) / 1e9;
      long cpuNanos = cpu.getCurrentThreadCpuTime() - ownCpuBefore + Math.max(0, cpu.getThreadCpuTime(reader.getId()));
      for (RateConnection connection : all) {
        connection.close();
      }
      answers.stop(reader);
      if (!drained) {
        tally.countUnfinished(scheduled);
      }
      long calls = tally.calls();
      return new Result(tally.latency(), calls, tally.errors(), calls / seconds,
          calls == 0 ? 0 : cpuNanos / 1e3 / calls);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector", e);
    }
  }

  private static void waitUntil(long due) {
    // Parking only, no spinning: a spinning thread would steal the two cores from the systems under
    // test. The wake-up lateness (tens of µs) lands on every system alike, the direct path included.
    for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
  }

  /** The selector thread: reads answers, finishes partial writes, until stopped. */
  private static final class Answers implements Runnable {
    private final Selector selector;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    private volatile boolean stopped;

    Answers(Selector selector) {
      this.selector = selector;
    }

    @Override
    public void run() {
      try {
        while (!stopped) {
          selector.select(this::ready);
        }
      } catch (IOException | ClosedSelectorException e) {
        // stopped with the run
      }
    }

    private void ready(SelectionKey key) {
      RateConnection connection = (RateConnection) key.attachment();
      try {
        if (key.isWritable()) {
          connection.writable();
        }
        if (key.isValid() && key.isReadable()) {
          connection.readable(buffer);
        }
      } catch (CancelledKeyException closedMeanwhile) {
        // the connection was closed by the other thread: nothing left to read
      }
    }

    void stop(Thread thread) throws InterruptedException {
      stopped = true;
      selector.wakeup();
      thread.join(TimeUnit.SECONDS.toMillis(5));
    }
  }
}
