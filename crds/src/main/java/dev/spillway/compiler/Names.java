package dev.spillway.compiler;

import java.util.Collection;
import java.util.TreeSet;

/** Wording shared by every "unknown reference" message. */
final class Names {
  private static final int MAX_LISTED = 10;

  private Names() {}

  /** E.g. {@code ; known accounts: a, b} — or {@code ; there are no accounts}. */
  static String known(String what, Collection<String> names) {
    if (names.isEmpty()) {
      return "; there are no " + what;
    }
    TreeSet<String> sorted = new TreeSet<>(names);
    String listed = String.join(", ", sorted.stream().limit(MAX_LISTED).toList());
    return "; known " + what + ": " + listed + (sorted.size() > MAX_LISTED ? ", …" : "");
  }
}
