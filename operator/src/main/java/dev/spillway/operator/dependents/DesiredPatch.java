package dev.spillway.operator.dependents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A JSON Patch (RFC 6902) that sets every field the desired object names, one {@code add} (which
 * replaces) per field of its spec, per label and per annotation, and leaves everything else alone:
 * the Service's allocated clusterIP, the replica count an HPA chose, annotations other controllers
 * wrote. Chosen over a merge patch because list semantics differ (the Fabric8 mock server appends
 * lists in merge patches; the API server replaces them) while a JSON Patch means the same on both.
 */
final class DesiredPatch {
  private static final ObjectMapper MAPPER = Serialization.jsonMapper();
  private static final Set<String> NOT_PATCHED = Set.of("apiVersion", "kind", "metadata", "status");

  private DesiredPatch() {}

  /** @param existing the object as it is now: where it lacks a whole map, the map is added whole */
  static String of(HasMetadata desired, HasMetadata existing) {
    JsonNode json = MAPPER.valueToTree(desired);
    JsonNode current = MAPPER.valueToTree(existing);
    ArrayNode ops = MAPPER.createArrayNode();
    for (String map : new String[] {"labels", "annotations"}) {
      JsonNode wanted = json.path("metadata").path(map);
      if (wanted.isObject()) {
        perKey(ops, "/metadata/" + map, wanted, current.path("metadata").path(map).isObject());
      }
    }
    if (json.path("metadata").has("ownerReferences")) {
      add(ops, "/metadata/ownerReferences", json.path("metadata").get("ownerReferences"));
    }
    fields(json, (key, value) -> {
      if (NOT_PATCHED.contains(key)) {
        return;
      }
      if (key.equals("spec") && value.isObject()) {
        perKey(ops, "/spec", value, current.path("spec").isObject());
      } else {
        add(ops, "/" + escape(key), value);
      }
    });
    return ops.toString();
  }

  private static void perKey(ArrayNode ops, String path, JsonNode wanted, boolean parentExists) {
    if (!parentExists) {
      add(ops, path, wanted);
      return;
    }
    fields(wanted, (key, value) -> add(ops, path + "/" + escape(key), value));
  }

  private static void add(ArrayNode ops, String path, JsonNode value) {
    ops.addObject().put("op", "add").put("path", path).set("value", value);
  }

  private static void fields(JsonNode node, java.util.function.BiConsumer<String, JsonNode> each) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      each.accept(field.getKey(), field.getValue());
    }
  }

  /** JSON Pointer escaping: annotation keys contain "/". */
  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
