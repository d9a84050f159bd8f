package dev.spillway.proxy.quality;

/**
 * What quality watching reports to metrics: the hook telemetry implements and subscribes with
 * {@link DriftMonitor#subscribe}. Calls come from request and callback threads; implementations
 * must be cheap and never block.
 */
public interface QualityEvents {
  /** An answer of the target failed a check (its attempt failed over, or a stream was judged late). */
  void checkFailed(String targetId, String reason);

  /** The target's drift alarm was raised or cleared. */
  void driftChanged(String targetId, DriftState state);
}
