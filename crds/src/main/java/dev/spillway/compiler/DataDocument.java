package dev.spillway.compiler;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The key-value kinds read from YAML. A Secret: {@code data} (base64) and {@code stringData}
 * (plain), the latter winning for a key in both, as the API server does; its values are
 * credentials, so no problem message ever quotes one. A ConfigMap (EvalSet cases in JSONL):
 * {@code data} (plain) and {@code binaryData} (base64).
 */
enum DataDocument {
  SECRET("Secret", "stringData", "data", "type"),
  CONFIG_MAP("ConfigMap", "data", "binaryData");

  private final String kind;
  private final String plainField;
  private final String base64Field;
  private final Set<String> fields;

  DataDocument(String kind, String plainField, String base64Field, String... extraFields) {
    this.kind = kind;
    this.plainField = plainField;
    this.base64Field = base64Field;
    Set<String> known = new TreeSet<>(Set.of("apiVersion", "kind", "metadata", "immutable", plainField, base64Field));
    known.addAll(Set.of(extraFields));
    this.fields = Set.copyOf(known);
  }

  String kind() {
    return kind;
  }

  /** Key → value, or null when the document is unusable (problems are reported). */
  Map<String, String> values(JsonNode document, DocumentLocation location, DocumentProblems problems) {
    boolean ok = true;
    for (Iterator<String> names = document.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!fields.contains(field)) {
        problems.report(field, "unknown field \"" + field + "\" in a " + kind + " (" + location + "); known fields: "
            + String.join(", ", new TreeSet<>(fields)));
        ok = false;
      }
    }
    Map<String, String> values = new TreeMap<>();
    ok &= collect(document.get(base64Field), base64Field, true, values, location, problems);
    ok &= collect(document.get(plainField), plainField, false, values, location, problems);
    return ok ? values : null;
  }

  private boolean collect(JsonNode entries, String field, boolean base64, Map<String, String> into,
      DocumentLocation location, DocumentProblems problems) {
    if (entries == null || entries.isNull()) {
      return true;
    }
    if (!entries.isObject()) {
      problems.report(field, "must be a mapping of key to value (" + location + ")");
      return false;
    }
    boolean ok = true;
    for (Iterator<Map.Entry<String, JsonNode>> it = entries.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String path = field + "." + entry.getKey();
      if (!entry.getValue().isTextual()) {
        problems.report(path, "must be a string (" + location + ")");
        ok = false;
        continue;
      }
      String text = entry.getValue().asText();
      if (!base64) {
        into.put(entry.getKey(), text);
        continue;
      }
      try {
        // Whitespace goes: base64 tools wrap lines, and YAML block scalars keep the breaks.
        byte[] decoded = Base64.getDecoder().decode(text.replaceAll("\\s", ""));
        into.put(entry.getKey(), new String(decoded, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException notBase64) {
        // The decoder's message may quote part of the value: it is not passed on.
        problems.report(path, "is not valid base64 (" + location + "); use " + plainField + " for plain text");
        ok = false;
      }
    }
    return ok;
  }
}
