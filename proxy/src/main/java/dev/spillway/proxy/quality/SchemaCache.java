package dev.spillway.proxy.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Compiled JSON schemas, keyed by the schema itself: an application sends the same response
 * format and tools with every call, and compiling costs far more than validating. Bounded (least
 * recently used out) because schemas come from requests. Remote {@code $ref}s are never fetched:
 * a request must not make the proxy call arbitrary URLs.
 */
public final class SchemaCache {
  private static final int MAX_SCHEMAS = 512;

  private final SchemaRegistry registry =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12, builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)));
  private final Map<JsonNode, Schema> schemas =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<JsonNode, Schema> eldest) {
          return size() > MAX_SCHEMAS;
        }
      };

  /** The first violation of the schema by the value, or empty when it conforms. */
  public Optional<String> violation(JsonNode schema, JsonNode value) {
    Schema compiled = compiled(schema);
    if (compiled == null) {
      return Optional.empty(); // a schema we cannot compile is the provider's problem to report, not ours
    }
    return compiled.validate(value).stream().findFirst().map(error -> error.toString());
  }

  private synchronized Schema compiled(JsonNode schema) {
    Schema compiled = schemas.get(schema);
    if (compiled == null && !schemas.containsKey(schema)) {
      try {
        compiled = registry.getSchema(schema);
      } catch (RuntimeException e) {
        compiled = null;
      }
      schemas.put(schema, compiled);
    }
    return compiled;
  }
}
