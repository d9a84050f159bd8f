package dev.spillway.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.api.v1alpha1.QualityDriftSpec;
import dev.spillway.api.v1alpha1.QualityProbeSpec;
import dev.spillway.api.v1alpha1.QualitySpec;
import dev.spillway.config.PolicyConfig;
import dev.spillway.config.QualityCheck;
import dev.spillway.config.QualityConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code quality} block of a RoutingPolicy, compiled into {@link QualityConfig}. */
class QualityCompilerTest {
  private static final String P = "interactive";

  private static TestResources withQuality(QualitySpec quality) {
    TestResources resources = TestResources.valid();
    resources.policySpec(P).quality = quality;
    return resources;
  }

  private static PolicyConfig compiled(TestResources resources) {
    CompileResult result = resources.compile();
    assertThat(result.problems()).isEmpty();
    return result.config().policies().stream().filter(p -> p.name().equals(P)).findFirst().orElseThrow();
  }

  @Test
  void aPolicyWithoutQualityGetsTheDefaults() {
    PolicyConfig policy = compiled(TestResources.valid());

    assertThat(policy.quality()).isNull();
    assertThat(policy.qualityOrDefaults()).isEqualTo(QualityConfig.DEFAULTS);
    assertThat(QualityConfig.DEFAULTS.checks())
        .contains(QualityCheck.EMPTY, QualityCheck.JSON, QualityCheck.SCHEMA, QualityCheck.TOOL_ARGUMENTS)
        .doesNotContain(QualityCheck.REFUSAL, QualityCheck.SCRIPT);
  }

  @Test
  void checksDriftAndProbeCompile() {
    QualitySpec quality = new QualitySpec();
    quality.checks = List.of("empty", "toolArguments", "repetition");
    quality.drift = new QualityDriftSpec();
    quality.drift.minSamples = 50;
    quality.probe = new QualityProbeSpec();
    quality.probe.interval = "1m";
    quality.probe.prompt = "What is the capital of France?";
    quality.probe.expect = "Paris";

    QualityConfig compiled = compiled(withQuality(quality)).quality();

    assertThat(compiled.checks())
        .containsExactly(QualityCheck.EMPTY, QualityCheck.TOOL_ARGUMENTS, QualityCheck.REPETITION);
    assertThat(compiled.driftEnabled()).isTrue();
    assertThat(compiled.driftMinSamples()).isEqualTo(50);
    assertThat(compiled.probe()).isEqualTo(new QualityConfig.Probe(60_000, "What is the capital of France?", "Paris"));
  }

  @Test
  void anEmptyListTurnsChecksOff() {
    QualitySpec quality = new QualitySpec();
    quality.checks = List.of();

    assertThat(compiled(withQuality(quality)).quality().checks()).isEmpty();
  }

  @Test
  void unknownChecksAndTooFrequentProbesAreReported() {
    QualitySpec quality = new QualitySpec();
    quality.checks = List.of("empty", "emtpy");
    quality.probe = new QualityProbeSpec();
    quality.probe.interval = "2s";
    quality.probe.prompt = "hi";

    List<String> problems =
        withQuality(quality).compile().problems().stream().map(Object::toString).toList();

    assertThat(problems).anySatisfy(p -> assertThat(p)
        .contains("spec.quality.checks[1]", "\"emtpy\" is not allowed", "toolArguments"));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("spec.quality.probe.interval", "every 10s"));
  }
}
