package dev.spillway.operator.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spillway.api.CrdSchemas;
import dev.spillway.operator.testing.RepoPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The API server validates against the CRD schemas; the mock server does not (docs/architecture.md, "Testing without a cluster"). So every
 * sample is checked here against the generated schemas, and known-bad fixtures must be refused,
 * proving the check can fail.
 */
class SamplesSchemaTest {
  private static final CrdSchemas SCHEMAS = CrdSchemas.load();

  static Stream<Path> samples() throws IOException {
    return yamlFiles(RepoPaths.samples(), 2);
  }

  static Stream<Path> badFixtures() throws IOException {
    return yamlFiles(Path.of("src/test/resources/bad-samples"), 1);
  }

  private static Stream<Path> yamlFiles(Path folder, int depth) throws IOException {
    try (Stream<Path> files = Files.walk(folder, depth)) {
      List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
      assertThat(yaml).as("YAML files in " + folder).isNotEmpty();
      return yaml.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("samples")
  void everySampleResourceIsValidForTheApiServer(Path file) throws IOException {
    List<JsonNode> documents = CrdSchemas.documents(Files.readString(file));
    assertThat(documents).as(file + " documents").isNotEmpty();
    for (JsonNode resource : documents) {
      assertThat(resource.path("apiVersion").asText()).as(file + ": apiVersion").isNotEmpty();
      assertThat(SCHEMAS.violations(resource)).as(file + " " + resource.path("metadata").path("name")).isEmpty();
    }
  }

  /** Each fixture's first line says which field the schema must name: {@code # rejects: <field>}. */
  @ParameterizedTest
  @MethodSource("badFixtures")
  void badFixturesAreRejectedNamingTheField(Path file) throws IOException {
    String yaml = Files.readString(file);
    String field = yaml.lines().findFirst().orElseThrow().replaceFirst("^# rejects: ", "").strip();
    List<JsonNode> documents = CrdSchemas.documents(yaml);

    assertThat(documents).singleElement().satisfies(resource ->
        assertThat(SCHEMAS.violations(resource)).as(file.toString()).isNotEmpty()
            .anySatisfy(violation -> assertThat(violation).contains(field)));
  }
}
