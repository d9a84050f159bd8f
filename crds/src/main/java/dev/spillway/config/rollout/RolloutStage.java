package dev.spillway.config.rollout;

/**
 * Where a ModelRollout's status says it is, as the operator reads it to build the config.
 *
 * @param step the canary step in force, from 0; ignored outside CANARY
 * @param revision names this attempt at the rollout (uid and generation of the resource)
 */
public record RolloutStage(RolloutPhase phase, int step, String revision) {}
