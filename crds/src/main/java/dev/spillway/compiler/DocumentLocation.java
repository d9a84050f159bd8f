package dev.spillway.compiler;

/** Where a YAML document came from: the file (or other origin) and its 1-based position in it. */
record DocumentLocation(String origin, int document) {
  @Override
  public String toString() {
    return origin + " document " + document;
  }
}
