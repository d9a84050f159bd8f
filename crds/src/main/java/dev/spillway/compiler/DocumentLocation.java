package dev.spillway.compiler;

/**
 * Where a YAML document came from: the file (or other origin), its 1-based position in it and the
 * line it starts on (what an editor or a pull-request annotation jumps to).
 */
record DocumentLocation(String origin, int document, int line) {
  /** {@code file:line}, the way compilers and linters name a place. */
  String fileAndLine() {
    return origin + ":" + line;
  }

  @Override
  public String toString() {
    return origin + " document " + document;
  }
}
