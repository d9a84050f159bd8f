package dev.spillway.compiler;

import dev.spillway.config.ModelConfig;
import dev.spillway.config.RouterConfig;
import dev.spillway.config.TargetConfig;
import dev.spillway.config.rollout.ActiveRollout;
import dev.spillway.config.rollout.RolloutConfig;
import dev.spillway.config.rollout.RolloutPhase;
import dev.spillway.config.rollout.RolloutStage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the rollouts' stages do to a router config: a promoted candidate becomes a target of its
 * model for good (in place of the one it replaces); a canary's candidate joins the model's targets
 * and, with a shadow, is listed as an active rollout for the proxies to act on. Promotion lives
 * here rather than in an edit of the LogicalModel, so a GitOps tool does not undo it; the
 * LogicalModel can be updated at leisure, after which the rollout is deleted.
 */
public final class RolloutStages {
  private RolloutStages() {}

  /** The config with the stages applied, re-versioned; the same config when no stage changes it. */
  public static RouterConfig apply(RouterConfig config, Map<String, RolloutConfig> rollouts,
      Map<String, RolloutStage> stages) {
    Map<String, ModelConfig> models = new TreeMap<>(config.models());
    Map<String, ActiveRollout> active = new TreeMap<>();
    // Promotions first, in name order, so a canary starts from the targets already promoted.
    for (Map.Entry<String, RolloutStage> entry : new TreeMap<>(stages).entrySet()) {
      RolloutConfig rollout = rollouts.get(entry.getKey());
      if (rollout != null && entry.getValue().phase() == RolloutPhase.PROMOTED && models.containsKey(rollout.model())) {
        models.put(rollout.model(), promote(models.get(rollout.model()), rollout));
      }
    }
    for (Map.Entry<String, RolloutStage> entry : new TreeMap<>(stages).entrySet()) {
      RolloutConfig rollout = rollouts.get(entry.getKey());
      RolloutStage stage = entry.getValue();
      if (rollout == null || !models.containsKey(rollout.model())) {
        continue;
      }
      if (stage.phase() == RolloutPhase.SHADOWING && rollout.shadow() != null) {
        active.put(rollout.name(), new ActiveRollout(rollout, stage.revision(), stage.phase(), rollout.shadow().percent()));
      } else if (stage.phase() == RolloutPhase.CANARY && rollout.canary() != null
          && stage.step() >= 0 && stage.step() < rollout.canary().steps().size()) {
        models.put(rollout.model(), withCandidate(models.get(rollout.model()), rollout.candidate()));
        active.put(rollout.name(), new ActiveRollout(rollout, stage.revision(), stage.phase(),
            rollout.canary().steps().get(stage.step()).percent()));
      }
    }
    if (models.equals(config.models()) && active.equals(config.rollouts())) {
      return config;
    }
    return ConfigVersion.stamp(new RouterConfig("", config.source(), config.accounts(), models, config.policies(),
        config.defaultPolicy(), active));
  }

  private static ModelConfig promote(ModelConfig model, RolloutConfig rollout) {
    if (rollout.replaces() == null) {
      return withCandidate(model, rollout.candidate());
    }
    List<TargetConfig> targets = new ArrayList<>();
    for (TargetConfig target : model.targets()) {
      targets.add(target.id().equals(rollout.replaces()) ? rollout.candidate() : target);
    }
    return withTargets(model, targets);
  }

  /** The candidate after the model's own targets: its share comes from the proxies' split, not the order. */
  private static ModelConfig withCandidate(ModelConfig model, TargetConfig candidate) {
    if (model.targets().stream().anyMatch(target -> target.id().equals(candidate.id()))) {
      return model;
    }
    List<TargetConfig> targets = new ArrayList<>(model.targets());
    targets.add(candidate);
    return withTargets(model, targets);
  }

  private static ModelConfig withTargets(ModelConfig model, List<TargetConfig> targets) {
    return new ModelConfig(model.name(), model.description(), model.capabilities(), model.defaults(), targets,
        model.fallback(), model.chain());
  }
}
