package dev.spillway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The generated schemas accept what the compiler accepts and reject the obvious mistakes early. */
class CrdSchemaTest {
  private static final CrdSchemas SCHEMAS = CrdSchemas.load();
  private static final Path DOC = Path.of(System.getProperty("basedir", "."), "..", "docs", "resources.md");

  @Test
  void theDocumentedExamplesAreValid() throws IOException {
    Matcher block = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC));
    int resources = 0;
    while (block.find()) {
      for (JsonNode resource : CrdSchemas.documents(block.group(1))) {
        assertThat(SCHEMAS.violations(resource)).as(resource.path("metadata").toString()).isEmpty();
        resources++;
      }
    }
    assertThat(resources).isGreaterThanOrEqualTo(8);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "RoutingPolicy   | {priority: 1, retry: {attempts: 11}}              | attempts",
      "RoutingPolicy   | {priority: 1, circuitBreaker: {window: 30}}       | window",
      "RoutingPolicy   | {priority: 1, hedge: {after: soon}}               | after",
      "RoutingPolicy   | {match: {models: [chat]}}                          | priority",
      "ProviderAccount | {provider: openia}                                 | provider",
      "ProviderAccount | {provider: openai, budget: {period: yearly}}        | period",
      "LogicalModel    | {targets: [{account: a, model: m, tier: 0}]}       | tier",
      "LogicalModel    | {targets: [{account: a}]}                          | model",
      "Router          | {telemetry: {otlpProtocol: http/json}}             | otlpProtocol",
      "Router          | {telemetry: {samplingRatio: 10}}                   | samplingRatio",
  })
  void obviousMistakesAreRejectedByTheSchema(String kind, String spec, String field) {
    JsonNode resource = CrdSchemas.documents(
        "apiVersion: spillway.dev/v1alpha1\nkind: " + kind + "\nmetadata: {name: x}\nspec: " + spec).get(0);

    List<String> violations = SCHEMAS.violations(resource);

    assertThat(violations).singleElement().asString().contains(field);
  }
}
