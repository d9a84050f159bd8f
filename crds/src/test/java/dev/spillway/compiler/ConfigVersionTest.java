package dev.spillway.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.config.RouterConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigVersionTest {

  private static String versionOf(ResourceSet set) {
    CompileResult result = new ConfigCompiler().compile(set);
    assertThat(result.problems()).isEmpty();
    return result.config().version();
  }

  private static TestResources richSet() {
    TestResources resources = TestResources.valid().policy("batch", 1).policy("urgent", 50);
    resources.policySpec("batch").route = TestResources.route("backup");
    return resources;
  }

  @Test
  void theSameResourcesInAnyOrderGiveTheSameVersion() {
    ResourceSet original = richSet().toSet();
    String version = versionOf(original);
    Random random = new Random(42);

    for (int round = 0; round < 10; round++) {
      ResourceSet shuffled = new ResourceSet(original.source(), shuffle(original.accounts(), random),
          shuffle(original.models(), random), shuffle(original.policies(), random), original.secrets());
      assertThat(versionOf(shuffled)).isEqualTo(version);
    }
  }

  @Test
  void theVersionIsAHashOfTheContentWithoutTheVersion() {
    RouterConfig config = richSet().compile().config();

    assertThat(config.version()).matches("[0-9a-f]{12}");
    RouterConfig restamped = ConfigVersion.stamp(new RouterConfig("anything", config.source(),
        config.accounts(), config.models(), config.policies(), config.defaultPolicy(), config.clientAuth()));
    assertThat(restamped).isEqualTo(config);
  }

  static List<Consumer<TestResources>> semanticChanges() {
    return List.of(
        r -> r.accountSpec("openai").baseUrl = "https://proxy.example.com/v1",
        r -> r.target("chat", 0).weight = 3,
        r -> r.target("chat", 0).priority = 9,
        r -> r.modelSpec("chat").fallback = null,
        r -> r.policySpec("batch").priority = 2,
        r -> r.policySpec("batch").maxFallbackDepth = 1,
        r -> r.policy("new", 7));
  }

  @ParameterizedTest
  @MethodSource("semanticChanges")
  void anySemanticChangeGivesANewVersion(Consumer<TestResources> change) {
    String before = versionOf(richSet().toSet());
    TestResources changed = richSet();
    change.accept(changed);

    assertThat(versionOf(changed.toSet())).isNotEqualTo(before);
  }

  private static <T> List<T> shuffle(List<T> list, Random random) {
    List<T> copy = new ArrayList<>(list);
    Collections.shuffle(copy, random);
    return copy;
  }
}
