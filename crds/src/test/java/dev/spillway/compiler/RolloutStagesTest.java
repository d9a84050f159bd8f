package dev.spillway.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.config.ConfigJson;
import dev.spillway.config.RouterConfig;
import dev.spillway.config.TargetConfig;
import dev.spillway.config.rollout.ActiveRollout;
import dev.spillway.config.rollout.RolloutPhase;
import dev.spillway.config.rollout.RolloutStage;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each stage of a rollout does to the router config the proxies run. */
class RolloutStagesTest {
  private final LoadedResources loaded =
      ResourceYaml.readFolder(Path.of(System.getProperty("basedir", "."), "..", "samples", "rollout"));
  private final RouterConfig base = new ConfigCompiler().compile(loaded.toResourceSet(SecretCatalog.empty())).config();
  private final RolloutCompileResult rollouts = new RolloutCompiler().compile(loaded.rollouts(), base);

  @Test
  void evaluatingRejectedAndRolledBackLeaveTheConfigAlone() {
    for (RolloutPhase phase : new RolloutPhase[] {RolloutPhase.EVALUATING, RolloutPhase.REJECTED, RolloutPhase.ROLLED_BACK}) {
      assertThat(apply("support-better", phase, 0)).isSameAs(base);
    }
  }

  @Test
  void shadowListsTheRolloutWithoutGivingTheCandidateTraffic() {
    RouterConfig config = apply("support-better", RolloutPhase.SHADOWING, 0);

    assertThat(targets(config)).containsExactly("sim-current/support-v1");
    ActiveRollout active = config.rollouts().get("support-better");
    assertThat(active.phase()).isEqualTo(RolloutPhase.SHADOWING);
    assertThat(active.percent()).isEqualTo(20);
    assertThat(active.revision()).isEqualTo("uid/1");
    assertThat(config.version()).isNotEqualTo(base.version());
  }

  @Test
  void eachCanaryStepAddsTheCandidateWithItsShare() {
    RouterConfig second = apply("support-better", RolloutPhase.CANARY, 1);

    assertThat(targets(second)).containsExactly("sim-current/support-v1", "sim-better/support-v2");
    assertThat(second.rollouts().get("support-better").percent()).isEqualTo(25);
    assertThat(apply("support-better", RolloutPhase.CANARY, 2).version()).as("a step is a new config").isNotEqualTo(second.version());
  }

  @Test
  void promotionReplacesTheTargetForGoodAndSurvivesTheJsonRoundTrip() {
    RouterConfig promoted = apply("support-better", RolloutPhase.PROMOTED, 0);

    assertThat(targets(promoted)).containsExactly("sim-better/support-v2");
    assertThat(promoted.rollouts()).isEmpty();
    assertThat(ConfigJson.read(ConfigJson.write(promoted))).isEqualTo(promoted);
    RouterConfig canary = apply("support-better", RolloutPhase.CANARY, 0);
    assertThat(ConfigJson.read(ConfigJson.write(canary))).isEqualTo(canary);
  }

  private RouterConfig apply(String rollout, RolloutPhase phase, int step) {
    return RolloutStages.apply(base, rollouts.rollouts(), Map.of(rollout, new RolloutStage(phase, step, "uid/1")));
  }

  private static java.util.List<String> targets(RouterConfig config) {
    return config.models().get("support").targets().stream().map(TargetConfig::id).toList();
  }
}
