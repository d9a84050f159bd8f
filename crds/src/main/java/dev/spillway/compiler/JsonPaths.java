package dev.spillway.compiler;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Field paths in the form problems use: {@code spec.targets[1].account}. */
final class JsonPaths {
  private JsonPaths() {}

  /** The path of a Jackson mapping error. */
  static String of(List<JsonMappingException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : references) {
      if (reference.getFieldName() != null) {
        appendField(path, reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  /** The path of the value a parser is at: each enclosing object's field, each array's index. */
  static String of(JsonStreamContext context) {
    Deque<String> segments = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        segments.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
      } else if (c.getCurrentName() != null) {
        segments.push("." + c.getCurrentName());
      }
    }
    String joined = String.join("", segments);
    return joined.startsWith(".") ? joined.substring(1) : joined;
  }

  private static void appendField(StringBuilder path, String field) {
    if (path.length() > 0) {
      path.append('.');
    }
    path.append(field);
  }
}
