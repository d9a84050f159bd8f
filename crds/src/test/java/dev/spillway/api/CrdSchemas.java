package dev.spillway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The generated CRD schemas, to check resources the way the API server would — the Fabric8 mock
 * server used in tests does not validate. Loaded from the classpath, so any module that depends on
 * spillway-crds can use it (e.g. to validate samples). Structural CRD schemas are OpenAPI 3.0,
 * which JSON Schema draft 4 reads faithfully for the keywords the generator emits.
 */
public final class CrdSchemas {
  private static final String[] CRD_FILES = {
    "provideraccounts.spillway.dev-v1.yml", "logicalmodels.spillway.dev-v1.yml",
    "routingpolicies.spillway.dev-v1.yml", "routers.spillway.dev-v1.yml", "evalsets.spillway.dev-v1.yml",
    "modelrollouts.spillway.dev-v1.yml"
  };
  private static final YAMLMapper YAML = new YAMLMapper();

  private final Map<String, Schema> schemaByKind = new HashMap<>();

  private CrdSchemas() {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
    for (String file : CRD_FILES) {
      JsonNode crd = read("META-INF/fabric8/" + file);
      JsonNode schema = crd.path("spec").path("versions").path(0).path("schema").path("openAPIV3Schema");
      schemaByKind.put(crd.path("spec").path("names").path("kind").asText(), registry.getSchema(schema.toString()));
    }
  }

  public static CrdSchemas load() {
    return new CrdSchemas();
  }

  /**
   * What the API server would reject in this resource, one line per violation; empty when valid.
   * Kinds without a Spillway CRD (e.g. Secret) have nothing to check.
   */
  public List<String> violations(JsonNode resource) {
    Schema schema = schemaByKind.get(resource.path("kind").asText());
    if (schema == null) {
      return List.of();
    }
    return schema.validate(resource).stream().map(Error::toString).collect(Collectors.toList());
  }

  /** Every document of a multi-document YAML text. */
  public static List<JsonNode> documents(String yaml) {
    try {
      return YAML.readerFor(JsonNode.class).readValues(yaml).readAll().stream()
          .map(JsonNode.class::cast)
          .filter(node -> node != null && !node.isNull() && !node.isMissingNode())
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode read(String resource) {
    try (InputStream in = CrdSchemas.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath: build the crds module first");
      }
      return YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
