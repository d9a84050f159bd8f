package dev.spillway.proxy.telemetry.tracing;

import io.opentelemetry.sdk.common.Clock;

/**
 * The times of one call's spans and events: {@link System#nanoTime} anchored to the wall clock once,
 * when the call starts, as the OpenTelemetry SDK anchors the spans of a trace to the clock read when
 * its first span started. Why not the wall clock at every start, end and event: each read goes
 * through {@code Instant.now()} (a few times a traced call), and two clocks within one call could
 * disagree by the wall clock's steps and granularity — the attempt spans take their times from the
 * attempt's own {@code nanoTime} record, so a span's duration and its time to first token come
 * from one clock.
 *
 * <p>{@link #replay} is the same clock stopped at recorded instants, for the spans of a call the
 * sampler left out that are built when it ends ({@link UnsampledCall}).
 */
class CallClock implements Clock {
  private final long epochOffset;

  private CallClock(long epochOffset) {
    this.epochOffset = epochOffset;
  }

  /** A call's clock, anchored now. */
  static CallClock anchored() {
    return new CallClock(Clock.getDefault().now() - System.nanoTime());
  }

  /** The epoch nanoseconds of the instant {@link System#nanoTime} read as {@code nanoTime}. */
  final long epochNanos(long nanoTime) {
    return epochOffset + nanoTime;
  }

  @Override
  public long now() {
    return epochNanos(System.nanoTime());
  }

  @Override
  public final long nanoTime() {
    return System.nanoTime();
  }

  /** This clock, stopped at the instant set by {@link Replay#at}. */
  Replay replay() {
    return new Replay(epochOffset);
  }

  /** A call's clock that reads the recorded instant it was last set to. */
  static final class Replay extends CallClock {
    private long atNanoTime;

    private Replay(long epochOffset) {
      super(epochOffset);
    }

    /** Reads {@code nanoTime} (a {@link System#nanoTime} reading) from now on. */
    void at(long nanoTime) {
      atNanoTime = nanoTime;
    }

    @Override
    public long now() {
      return epochNanos(atNanoTime);
    }
  }
}
