package dev.spillway.proxy.resilience.breaker;

/**
 * A breaker's answer for one call.
 *
 * @param kind what the call may do
 * @param waitMs for {@link Kind#REFUSE}: how long until a probe may go (0 when probes are in flight)
 */
public record Admission(Kind kind, long waitMs) {
  public static final Admission ADMIT = new Admission(Kind.ADMIT, 0);
  public static final Admission PROBE = new Admission(Kind.PROBE, 0);
  public static final Admission DEFER = new Admission(Kind.DEFER, 0);

  public enum Kind {
    ADMIT,
    /** A half-open probe call. */
    PROBE,
    /** Recovering, and this call is outside the ramp's share: try it only after the others. */
    DEFER,
    REFUSE
  }

  static Admission refused(long waitMs) {
    return new Admission(Kind.REFUSE, waitMs);
  }

  public boolean allowed() {
    return kind == Kind.ADMIT || kind == Kind.PROBE;
  }
}
