package dev.spillway.compiler;

import java.util.List;

/**
 * Reports the problems of one YAML document under the kind and name it declares, or — when it
 * declares none — under "Document" and its location, so every problem can be traced to a file.
 */
final class DocumentProblems {
  static final String UNKNOWN_KIND = "Document";

  private final String kind;
  private final String name;
  private final List<Problem> sink;

  DocumentProblems(String kind, String name, DocumentLocation location, List<Problem> sink) {
    this.kind = kind == null || kind.isBlank() ? UNKNOWN_KIND : kind;
    this.name = name == null || name.isBlank() ? location.toString() : name;
    this.sink = sink;
  }

  void report(String field, String message) {
    sink.add(new Problem(kind, name, field, message));
  }
}
