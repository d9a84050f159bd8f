package dev.spillway.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Replaces the generated part of docs/benchmarks.md (between two marker comments) and leaves the
 * rest — the method, and the sections other engineers write — as it is.
 */
public final class DocSection {
  static final String BEGIN = "<!-- bench/run.sh results: begin (generated, do not edit) -->";
  static final String END = "<!-- bench/run.sh results: end -->";

  private DocSection() {}

  public static void replace(Path doc, String generated) throws IOException {
    String text = Files.exists(doc) ? Files.readString(doc) : "";
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    String block = BEGIN + "\n" + generated + "\n" + END;
    String updated = begin >= 0 && end > begin
        ? text.substring(0, begin) + block + text.substring(end + END.length())
        : text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + "\n" + block + "\n";
    Files.writeString(doc, updated);
  }
}
