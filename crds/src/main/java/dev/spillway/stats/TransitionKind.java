package dev.spillway.stats;

/** What changed in a proxy replica: the transitions it logs and the operator turns into Events. */
public enum TransitionKind {
  /** A target's circuit opened: its calls go to other targets. */
  CIRCUIT_OPENED,
  /** The cool-down passed: a few probe calls are let through. */
  CIRCUIT_HALF_OPEN,
  /** The probes succeeded: traffic comes back in stages. */
  CIRCUIT_RECOVERING,
  /** Full traffic again. */
  CIRCUIT_CLOSED,
  /** An account's spend crossed one of its budget's alert thresholds (or 100 %). */
  BUDGET_THRESHOLD,
  /** A target's answer quality drifted: it is demoted. */
  DRIFT_ALARM,
  /** A demoted target's quality recovered. */
  DRIFT_CLEARED,
  /** A health-check probe of a target failed. */
  HEALTH_CHECK_FAILED;

  /** Whether it is bad news (an Event of type Warning) rather than a recovery (Normal). */
  public boolean warning() {
    return this == CIRCUIT_OPENED || this == BUDGET_THRESHOLD || this == DRIFT_ALARM || this == HEALTH_CHECK_FAILED;
  }
}
