package dev.spillway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The compact form of a config's JSON tree, for the published ConfigMap: no null fields, and each
 * value that many objects repeat written once. Every target carries its capabilities and pricing,
 * every policy its breaker, scoring and retry settings (resolved when compiled, so the proxy never
 * resolves them per call); thousands of them share a handful of distinct values. Those values are kept in a table
 * ({@value #SHARED}) and each place holds {@code {"$ref": index}}. {@link #expand} restores the
 * tree exactly, so the proxy reads the same {@link RouterConfig} the canonical JSON gives.
 *
 * <p>Why by hand: this is a schema-aware dedup of two known fields, a few dozen lines; a general
 * JSON compressor (gzip is applied on top anyway) cannot see that the values are equal.
 */
final class CompactTree {
  static final String SHARED = "$shared";
  private static final String REF = "$ref";
  /**
   * Fields whose object values repeat: capabilities and prices across targets, the resolved
   * defaults of policies and accounts across thousands of them. Written once, referred to everywhere.
   */
  private static final Set<String> SHAREABLE = Set.of(
      "capabilities", "pricing", "circuitBreaker", "scoring", "retry", "hedge", "timeouts", "triggers",
      "quality", "healthCheck", "match");

  private CompactTree() {}

  /** The tree compacted in place: nulls dropped, shareable values moved to the table. */
  static ObjectNode compact(ObjectNode root) {
    Map<String, Integer> index = new HashMap<>();
    ArrayNode shared = JsonNodeFactory.instance.arrayNode();
    compact(root, index, shared);
    if (!shared.isEmpty()) {
      root.set(SHARED, shared);
    }
    return root;
  }

  /** The compact tree expanded in place; a tree without a table (older operators) is left as it is. */
  static JsonNode expand(JsonNode root) {
    JsonNode shared = root.get(SHARED);
    if (root instanceof ObjectNode object && shared instanceof ArrayNode table) {
      object.remove(SHARED);
      expand(object, table);
    }
    return root;
  }

  private static void compact(JsonNode node, Map<String, Integer> index, ArrayNode shared) {
    if (node instanceof ObjectNode object) {
      List<String> nulls = new ArrayList<>();
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode value = field.getValue();
        if (value.isNull()) {
          nulls.add(field.getKey());
        } else if (SHAREABLE.contains(field.getKey()) && value.isObject()) {
          compact(value, index, shared);
          int at = index.computeIfAbsent(value.toString(), text -> {
            shared.add(value);
            return shared.size() - 1;
          });
          field.setValue(JsonNodeFactory.instance.objectNode().put(REF, at));
        } else {
          compact(value, index, shared);
        }
      }
      object.remove(nulls);
    } else if (node instanceof ArrayNode array) {
      array.forEach(element -> compact(element, index, shared));
    }
  }

  private static void expand(JsonNode node, ArrayNode table) {
    if (node instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode ref = field.getValue().get(REF);
        if (SHAREABLE.contains(field.getKey()) && ref != null && ref.canConvertToInt()) {
          JsonNode value = table.get(ref.asInt());
          if (value == null) {
            throw new IllegalArgumentException(
                "compact config refers to shared value " + ref.asInt() + " of " + table.size());
          }
          field.setValue(value.deepCopy());
        } else {
          expand(field.getValue(), table);
        }
      }
    } else if (node instanceof ArrayNode array) {
      array.forEach(element -> expand(element, table));
    }
  }
}
