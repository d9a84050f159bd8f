package dev.spillway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CRD YAML is generated from the Java types at build time; a copy is committed under
 * crds/generated so the chart, the docs and reviewers see the schema. This test keeps the two
 * equal. Run with {@code -Dspillway.updateCrds=true} to rewrite the committed copy instead.
 */
class CrdYamlUpToDateTest {
  private static final Path MODULE = Path.of(System.getProperty("basedir", "."));
  private static final Path GENERATED = MODULE.resolve("target/classes/META-INF/fabric8");
  private static final Path COMMITTED = MODULE.resolve("generated");
  private static final String REFRESH =
      "The committed CRDs under crds/generated differ from the generated ones. Refresh them with:"
          + " mvn -B -q -pl crds test -Dtest=CrdYamlUpToDateTest -Dspillway.updateCrds=true";

  @Test
  void committedCrdsMatchTheGeneratedOnes() throws IOException {
    Map<String, String> generated = read(GENERATED);
    assertThat(generated).as("CRDs generated into " + GENERATED).isNotEmpty();
    if (Boolean.getBoolean("spillway.updateCrds")) {
      rewriteCommitted();
    }

    Map<String, String> committed = read(COMMITTED);

    assertThat(committed.keySet()).as(REFRESH).isEqualTo(generated.keySet());
    generated.forEach((file, content) ->
        assertThat(committed.get(file)).as(REFRESH + " (" + file + ")").isEqualTo(content));
  }

  @Test
  void everySpillwayKindHasACrd() throws IOException {
    assertThat(read(GENERATED).keySet()).containsExactlyInAnyOrder(
        "evalsets.spillway.dev-v1.yml", "modelrollouts.spillway.dev-v1.yml",
        "logicalmodels.spillway.dev-v1.yml", "provideraccounts.spillway.dev-v1.yml",
        "routers.spillway.dev-v1.yml", "routingpolicies.spillway.dev-v1.yml");
  }

  private static void rewriteCommitted() throws IOException {
    Files.createDirectories(COMMITTED);
    for (String stale : read(COMMITTED).keySet()) {
      Files.delete(COMMITTED.resolve(stale));
    }
    for (String file : read(GENERATED).keySet()) {
      Files.copy(GENERATED.resolve(file), COMMITTED.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** File name → content of the *.yml files in a folder; empty when the folder does not exist. */
  private static Map<String, String> read(Path folder) throws IOException {
    Map<String, String> files = new TreeMap<>();
    if (!Files.isDirectory(folder)) {
      return files;
    }
    try (Stream<Path> listing = Files.list(folder)) {
      for (Path file : (Iterable<Path>) listing.filter(p -> p.toString().endsWith(".yml"))::iterator) {
        files.put(file.getFileName().toString(), Files.readString(file));
      }
    }
    return files;
  }
}
