package dev.spillway.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.config.PolicyConfig;
import dev.spillway.config.RouterConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The examples in docs/resources.md are one resource set: it must load and compile cleanly. */
class DocsExamplesTest {
  private static final Path DOC = Path.of(System.getProperty("basedir", "."), "..", "docs", "resources.md");
  private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

  @Test
  void theDocumentedExamplesCompile() throws IOException {
    List<String> blocks = new ArrayList<>();
    Matcher block = YAML_BLOCK.matcher(Files.readString(DOC));
    while (block.find()) {
      blocks.add(block.group(1));
    }
    assertThat(blocks).as("yaml examples in " + DOC).hasSizeGreaterThanOrEqualTo(4);

    LoadedResources loaded = ResourceYaml.readString("resources.md", String.join("---\n", blocks));
    assertThat(loaded.problems()).isEmpty();
    assertThat(loaded.routers()).hasSize(1);
    CompileResult result = new ConfigCompiler().compile(loaded.toResourceSet(SecretCatalog.empty()));

    assertThat(result.problems()).isEmpty();
    RouterConfig config = result.config();
    assertThat(config.policies()).extracting(PolicyConfig::name)
        .containsExactly("interactive", "batch-experiment", "set-it-once");
    assertThat(config.policies()).extracting(PolicyConfig::contentPolicyFallback).containsExactly(true, false, false);
    PolicyConfig setItOnce = config.policies().get(2);
    assertThat(setItOnce.hedge()).as("the two thresholds alone get hedging").isEqualTo(dev.spillway.config.HedgeConfig.DEFAULTS);
    assertThat(config.model("chat").orElseThrow().chain()).containsExactly("chat", "backup");
    assertThat(config.clientAuth().consumers().get("team-search").keys()).hasSize(2);
  }
}
