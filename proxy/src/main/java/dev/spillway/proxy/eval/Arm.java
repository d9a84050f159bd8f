package dev.spillway.proxy.eval;

import com.fasterxml.jackson.annotation.JsonValue;

/** Which side of a rollout a call serves: the value of {@code spillway.rollout.arm} in traces and metrics. */
public enum Arm {
  INCUMBENT("incumbent"),
  CANDIDATE("candidate"),
  JUDGE("judge");

  private final String wireName;

  Arm(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }
}
