package dev.spillway.proxy.providers.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * A value that satisfies a JSON schema, as a model answering under structured outputs or filling a
 * tool's arguments would produce: every declared property (so required ones are always there),
 * enums and consts honoured, numbers within bounds, strings in their format, arrays at their
 * minimum length (at least one item), local {@code $ref}s followed, the first branch of
 * {@code anyOf}/{@code oneOf}. Strings carry the simulated reply, so answers stay recognisable.
 *
 * <p>Hand-written: the JSON-schema libraries here validate instances but none generates them, and
 * a generator for the structured-outputs subset of the language is this small. {@code pattern} is
 * not honoured (strings get a fixed sample then); tests validate the output against the schema.
 */
final class SchemaInstances {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Deep or recursive schemas stop here with the simplest value of the type. */
  private static final int MAX_DEPTH = 12;

  private final JsonNode root;
  private final String text;

  private SchemaInstances(JsonNode root, String text) {
    this.root = root;
    this.text = text;
  }

  /** A value of {@code schema}; a missing or empty schema gets {@code {"reply": text}}. */
  static JsonNode of(JsonNode schema, String text) {
    if (schema == null || !schema.isObject() || schema.isEmpty()) {
      return NODES.objectNode().put("reply", text);
    }
    return new SchemaInstances(schema, text).value(schema, "reply", 0);
  }

  private JsonNode value(JsonNode schema, String name, int depth) {
    JsonNode resolved = resolve(schema);
    if (resolved.has("const")) {
      return resolved.get("const");
    }
    if (resolved.path("enum").isArray() && !resolved.get("enum").isEmpty()) {
      return resolved.get("enum").get(0);
    }
    for (String branch : new String[] {"anyOf", "oneOf"}) {
      if (resolved.path(branch).isArray() && !resolved.get(branch).isEmpty()) {
        return value(firstNonNull(resolved.get(branch)), name, depth + 1);
      }
    }
    if (resolved.path("allOf").isArray()) {
      ObjectNode merged = NODES.objectNode();
      resolved.get("allOf").forEach(part -> merge(merged, resolve(part)));
      resolved.fields().forEachRemaining(field -> merged.putIfAbsent(field.getKey(), field.getValue()));
      merged.remove("allOf");
      return value(merged, name, depth + 1);
    }
    return switch (type(resolved)) {
      case "object" -> object(resolved, depth);
      case "array" -> array(resolved, name, depth);
      case "integer" -> NODES.numberNode((long) Math.ceil(number(resolved, 1)));
      case "number" -> NODES.numberNode(number(resolved, 1.5));
      case "boolean" -> NODES.booleanNode(true);
      case "null" -> NODES.nullNode();
      default -> NODES.textNode(string(resolved, name));
    };
  }

  private JsonNode object(JsonNode schema, int depth) {
    ObjectNode object = NODES.objectNode();
    if (depth >= MAX_DEPTH) {
      return object;
    }
    Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
    while (properties.hasNext()) {
      Map.Entry<String, JsonNode> property = properties.next();
      object.set(property.getKey(), value(property.getValue(), property.getKey(), depth + 1));
    }
    for (JsonNode required : schema.path("required")) {
      if (!object.has(required.asText())) {
        object.put(required.asText(), text);
      }
    }
    return object;
  }

  private JsonNode array(JsonNode schema, String name, int depth) {
    ArrayNode array = NODES.arrayNode();
    if (depth >= MAX_DEPTH) {
      return array;
    }
    int items = Math.max(1, schema.path("minItems").asInt(1));
    if (schema.has("maxItems")) {
      items = Math.min(items, schema.get("maxItems").asInt());
    }
    for (int i = 0; i < items; i++) {
      array.add(value(schema.path("items"), name, depth + 1));
    }
    return array;
  }

  private String string(JsonNode schema, String name) {
    String value = switch (schema.path("format").asText("")) {
      case "date-time" -> "2026-01-01T00:00:00Z";
      case "date" -> "2026-01-01";
      case "time" -> "00:00:00Z";
      case "email" -> "sim@example.com";
      case "uri", "url" -> "https://example.com/" + name;
      case "uuid" -> "00000000-0000-4000-8000-000000000000";
      case "ipv4" -> "192.0.2.1";
      default -> text;
    };
    int min = schema.path("minLength").asInt(0);
    StringBuilder padded = new StringBuilder(value);
    while (padded.length() < min) {
      padded.append(' ').append(value);
    }
    int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
    return padded.length() > max ? padded.substring(0, max) : padded.toString();
  }

  /** {@code preferred} moved into the schema's bounds. */
  private static double number(JsonNode schema, double preferred) {
    double value = preferred;
    if (schema.has("minimum")) {
      value = Math.max(value, schema.get("minimum").asDouble());
    }
    if (schema.has("exclusiveMinimum") && schema.get("exclusiveMinimum").isNumber()) {
      value = Math.max(value, schema.get("exclusiveMinimum").asDouble() + 1);
    }
    if (schema.has("maximum")) {
      value = Math.min(value, schema.get("maximum").asDouble());
    }
    if (schema.has("exclusiveMaximum") && schema.get("exclusiveMaximum").isNumber()) {
      value = Math.min(value, schema.get("exclusiveMaximum").asDouble() - 1);
    }
    return value;
  }

  private static String type(JsonNode schema) {
    JsonNode type = schema.get("type");
    if (type != null && type.isArray()) {
      for (JsonNode option : type) {
        if (!option.asText().equals("null")) {
          return option.asText();
        }
      }
      return "null";
    }
    if (type != null && type.isTextual()) {
      return type.asText();
    }
    return schema.has("properties") ? "object" : schema.has("items") ? "array" : "string";
  }

  /** Follows a local {@code $ref} ({@code #/$defs/x}, {@code #/definitions/x}, {@code #}). */
  private JsonNode resolve(JsonNode schema) {
    JsonNode current = schema;
    for (int hops = 0; hops < MAX_DEPTH && current.path("$ref").isTextual(); hops++) {
      String ref = current.get("$ref").asText();
      current = ref.startsWith("#") ? root.at(ref.substring(1)) : NODES.objectNode();
    }
    return current;
  }

  private JsonNode firstNonNull(JsonNode branches) {
    for (JsonNode branch : branches) {
      if (!type(resolve(branch)).equals("null")) {
        return branch;
      }
    }
    return branches.get(0);
  }

  private static void merge(ObjectNode into, JsonNode part) {
    part.fields().forEachRemaining(field -> {
      if (field.getKey().equals("properties") && into.path("properties").isObject()) {
        ((ObjectNode) into.get("properties")).setAll((ObjectNode) field.getValue());
      } else if (field.getKey().equals("required") && into.path("required").isArray()) {
        ((ArrayNode) into.get("required")).addAll((ArrayNode) field.getValue());
      } else {
        into.set(field.getKey(), field.getValue().deepCopy());
      }
    });
  }
}
