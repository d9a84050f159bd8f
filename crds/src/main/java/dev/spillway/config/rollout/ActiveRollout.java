package dev.spillway.config.rollout;

/**
 * A rollout the proxies act on now: mirroring (SHADOWING) or splitting traffic (CANARY). The
 * operator puts it in the config when the rollout enters that phase or step.
 *
 * @param revision names this attempt at the rollout (the resource's uid and generation): a
 *     candidate a proxy rolled back stays out until the revision changes
 * @param percent the share of the model's calls mirrored (shadow) or served by the candidate (canary)
 */
public record ActiveRollout(RolloutConfig rollout, String revision, RolloutPhase phase, double percent) {
  public ActiveRollout {
    if (phase != RolloutPhase.SHADOWING && phase != RolloutPhase.CANARY) {
      throw new IllegalArgumentException("proxies act only on Shadowing and Canary, not " + phase);
    }
  }
}
