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
 * A Kubernetes Secret read from YAML: {@code data} (base64) and {@code stringData} (plain), the
 * latter winning for a key in both, as the API server does. Values are credentials: no problem
 * message ever quotes one.
 */
final class SecretDocument {
  private static final Set<String> FIELDS =
      Set.of("apiVersion", "kind", "metadata", "type", "immutable", "data", "stringData");

  private SecretDocument() {}

  /** Key → value, or null when the document is unusable (problems are reported). */
  static Map<String, String> values(JsonNode secret, DocumentLocation location, DocumentProblems problems) {
    boolean ok = true;
    for (Iterator<String> names = secret.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!FIELDS.contains(field)) {
        problems.report(field, "unknown field \"" + field + "\" in a Secret (" + location + "); known fields: "
            + String.join(", ", new TreeSet<>(FIELDS)));
        ok = false;
      }
    }
    Map<String, String> values = new TreeMap<>();
    ok &= collect(secret.get("data"), "data", true, values, location, problems);
    ok &= collect(secret.get("stringData"), "stringData", false, values, location, problems);
    return ok ? values : null;
  }

  private static boolean collect(JsonNode entries, String field, boolean base64, Map<String, String> into,
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
        problems.report(path, "is not valid base64 (" + location + "); use stringData for plain text");
        ok = false;
      }
    }
    return ok;
  }
}
