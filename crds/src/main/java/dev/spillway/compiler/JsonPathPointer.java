package dev.spillway.compiler;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSON path of plain steps ({@code $.a.b[0]}, {@code $['odd key']}) as a JSON Pointer. Graders
 * compare one value at one place, so filters and wildcards (what a JSONPath library adds) would
 * only make "equals" ambiguous; Jackson's own JsonPointer then reads the value.
 */
final class JsonPathPointer {
  private static final Pattern STEP =
      Pattern.compile("\\.([A-Za-z_$][A-Za-z0-9_$-]*)|\\[(\\d+)]|\\['((?:[^'\\\\]|\\\\.)*)']");
  static final String SYNTAX = "use $ then .key, [index] or ['key'] steps, e.g. $.items[0].id";

  private JsonPathPointer() {}

  /** The pointer, or empty when the path is not made of plain steps. */
  static Optional<String> of(String path) {
    if (path == null || !path.startsWith("$")) {
      return Optional.empty();
    }
    StringBuilder pointer = new StringBuilder();
    Matcher step = STEP.matcher(path);
    int at = 1;
    while (at < path.length()) {
      if (!step.find(at) || step.start() != at) {
        return Optional.empty();
      }
      String key = step.group(1) != null ? step.group(1)
          : step.group(2) != null ? step.group(2) : step.group(3).replaceAll("\\\\(.)", "$1");
      pointer.append('/').append(key.replace("~", "~0").replace("/", "~1"));
      at = step.end();
    }
    return Optional.of(pointer.toString());
  }
}
