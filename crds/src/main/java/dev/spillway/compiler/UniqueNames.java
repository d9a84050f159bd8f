package dev.spillway.compiler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Indexes resources of one kind by name, reporting missing and duplicate names. */
final class UniqueNames {
  static final String UNNAMED = "(unnamed)";

  private UniqueNames() {}

  /**
   * The named resources, sorted by name so compilation does not depend on the input order. Of
   * resources sharing a name only the first is kept; the name is reported once per extra copy.
   */
  static <R extends HasMetadata> Map<String, R> index(String kind, List<R> resources, ProblemLog log) {
    Map<String, R> byName = new TreeMap<>();
    for (R resource : resources) {
      String name = resource.getMetadata() == null ? null : resource.getMetadata().getName();
      if (name == null || name.isBlank()) {
        log.checker(kind, UNNAMED).report("metadata.name", "is required: every " + kind + " needs a name");
      } else if (byName.putIfAbsent(name, resource) != null) {
        log.checker(kind, name).report("metadata.name",
            "duplicate name: another " + kind + " is also named \"" + name + "\"");
      }
    }
    return byName;
  }
}
