package dev.spillway.config.rollout;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** Where a ModelRollout is; the names are what its status shows. */
public enum RolloutPhase {
  EVALUATING("Evaluating"),
  REJECTED("Rejected"),
  SHADOWING("Shadowing"),
  CANARY("Canary"),
  PROMOTED("Promoted"),
  ROLLED_BACK("RolledBack");

  private final String wireName;

  RolloutPhase(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** The phase a status names, or empty for none (a new rollout) or an unknown name. */
  public static Optional<RolloutPhase> of(String wireName) {
    return Arrays.stream(values()).filter(phase -> phase.wireName.equals(wireName)).findFirst();
  }

  /** A final phase: nothing more happens until the rollout is replaced. */
  public boolean finished() {
    return this == REJECTED || this == PROMOTED || this == ROLLED_BACK;
  }
}
