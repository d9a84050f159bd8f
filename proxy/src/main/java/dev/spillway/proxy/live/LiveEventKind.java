package dev.spillway.proxy.live;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.spillway.stats.TransitionKind;
import java.util.Locale;

/** What a line of the live log reports. The wire name is the lower-case, dashed constant. */
public enum LiveEventKind {
  /** A model's calls are now served by another target than its primary. */
  FAILOVER,
  /** A model's primary serves its calls again. */
  RECOVERED,
  /** A hedged attempt answered before the slow one. */
  HEDGE_WON,
  /** A call no candidate could serve. */
  CALL_FAILED,
  CIRCUIT_OPENED,
  CIRCUIT_HALF_OPEN,
  CIRCUIT_RECOVERING,
  CIRCUIT_CLOSED,
  DRIFT_ALARM,
  DRIFT_CLEARED,
  HEALTH_CHECK_FAILED,
  BUDGET_THRESHOLD,
  CONFIG_RELOADED;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The log line of a transition from the replica's transition log. */
  public static LiveEventKind of(TransitionKind kind) {
    return switch (kind) {
      case CIRCUIT_OPENED -> CIRCUIT_OPENED;
      case CIRCUIT_HALF_OPEN -> CIRCUIT_HALF_OPEN;
      case CIRCUIT_RECOVERING -> CIRCUIT_RECOVERING;
      case CIRCUIT_CLOSED -> CIRCUIT_CLOSED;
      case BUDGET_THRESHOLD -> BUDGET_THRESHOLD;
      case DRIFT_ALARM -> DRIFT_ALARM;
      case DRIFT_CLEARED -> DRIFT_CLEARED;
      case HEALTH_CHECK_FAILED -> HEALTH_CHECK_FAILED;
    };
  }
}
