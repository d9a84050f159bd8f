package dev.spillway.proxy.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.compiler.SecretCatalog;
import dev.spillway.proxy.credentials.EnvCredentials;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Samples are what users learn from: every one must compile with the real compiler. */
class SamplesCompileTest {
  /** What a user exports before running the samples that need keys. */
  private static final SecretCatalog EXPORTED_KEYS = new EnvCredentials(Map.of(
      "SPILLWAY_SECRET_OPENAI_API_KEY", "sk-test",
      "SPILLWAY_SECRET_ANTHROPIC_API_KEY", "sk-ant-test")).catalog();

  static List<Path> samples() {
    return Samples.all();
  }

  @ParameterizedTest
  @MethodSource("samples")
  void compilesWithoutProblems(Path sample) {
    FolderLoad load = new FolderConfigLoader(sample, EXPORTED_KEYS).load();

    assertThat(load.problems()).as(sample.toString()).isEmpty();
    assertThat(load.config().models()).isNotEmpty();
  }

  @Test
  void thereAreSamples() {
    assertThat(Samples.all()).extracting(path -> path.getFileName().toString())
        .contains("quickstart", "openai-anthropic");
  }

  @Test
  void theQuickstartNeedsNoKeysAndUsesOnlySimulatedProviders() {
    FolderLoad load = new FolderConfigLoader(Samples.root().resolve("quickstart"), SecretCatalog.empty()).load();

    assertThat(load.problems()).isEmpty();
    assertThat(load.config().accounts().values())
        .allSatisfy(account -> assertThat(account.simulation()).isNotNull());
  }

  @Test
  void openAiAnthropicNamesTheMissingKeysWhenNoneAreExported() {
    FolderLoad load =
        new FolderConfigLoader(Samples.root().resolve("openai-anthropic"), SecretCatalog.empty()).load();

    assertThat(load.problems()).extracting(Object::toString)
        .anySatisfy(line -> assertThat(line).startsWith("ProviderAccount/openai spec.credentialsSecretRef"))
        .anySatisfy(line -> assertThat(line).startsWith("ProviderAccount/anthropic spec.credentialsSecretRef"));
  }
}
