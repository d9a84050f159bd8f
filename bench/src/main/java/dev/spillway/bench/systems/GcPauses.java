package dev.spillway.bench.systems;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The times the collector stopped the proxy's threads, from a JVM's GC log ({@code
 * -Xlog:gc,gc+phases:file=…:utctime}, what {@link Launchers#spillway} asks for), on the wall clock,
 * so a load generator's waits can be laid over them: a first token late by about a pause's length,
 * while that pause ran, waited for the GC. Two kinds: stop-the-world pauses (G1's, and ZGC's short
 * ones), and ZGC's allocation stalls — a thread that allocates while the concurrent collector has
 * not freed enough waits for it, and an IO thread waiting stops every connection it serves.
 */
public final class GcPauses {
  /**
   * {@code [2026-12-06T05:30:13.521+0000] GC(8) Pause Young (Normal) (G1 Evacuation Pause) 117M->39M(256M) 684.685ms},
   * or ZGC's, which names its generation first: {@code [2026-12-07T01:39:20.090+0000] GC(0) Y: Pause Mark Start (Major) 0.038ms}.
   */
  private static final Pattern PAUSE = Pattern.compile(
      "^\\[([^\\]]+)\\]\\s+GC\\(\\d+\\)\\s+(?:[YO]:\\s+)?Pause\\s+(.*?)\\s(\\d+(?:\\.\\d+)?)ms\\s*$");
  /** {@code [2026-12-07T01:18:27.652+0000] Allocation Stall (XNIO-1 I/O-1) 289.984ms}: ZGC, one thread. */
  private static final Pattern STALL =
      Pattern.compile("^\\[([^\\]]+)\\]\\s+(Allocation Stall \\(.*\\))\\s(\\d+(?:\\.\\d+)?)ms\\s*$");
  private static final List<Pattern> KINDS = List.of(PAUSE, STALL);
  private static final DateTimeFormatter UTCTIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  /** One pause: it ended at {@code endMs} (epoch ms: the log line is written at its end) after {@code millis}. */
  public record Pause(String kind, double endMs, double millis) {
    public double startMs() {
      return endMs - millis;
    }

    /**
     * A full collection asked for from outside the collector: {@code System.gc()}, or {@code jcmd
     * GC.run} (logged as "Diagnostic Command"), which is how the harness reads the live heap. Not
     * the system's own doing, so not counted as its pauses.
     */
    public boolean requested() {
      return kind.contains("(System.gc())") || kind.contains("(Diagnostic Command)");
    }

    /** Whether the pause ran at some time between {@code fromMs} and {@code toMs}. */
    public boolean overlaps(double fromMs, double toMs) {
      return startMs() < toMs && endMs > fromMs;
    }
  }

  private GcPauses() {}

  /** The pauses in the log; none when there is no log (not a JVM, or started without one). */
  public static List<Pause> read(Path log) throws IOException {
    return Files.exists(log) ? parse(Files.readAllLines(log)) : List.of();
  }

  static List<Pause> parse(List<String> lines) {
    List<Pause> pauses = new ArrayList<>();
    for (String line : lines) {
      Matcher m = matching(line);
      if (m != null) {
        double end = OffsetDateTime.parse(m.group(1), UTCTIME).toInstant().toEpochMilli();
        pauses.add(new Pause(m.group(2).trim(), end, Double.parseDouble(m.group(3))));
      }
    }
    return pauses;
  }

  /** The line's pause or stall (groups: time, kind, milliseconds), or null when it is neither. */
  private static Matcher matching(String line) {
    for (Pattern pattern : KINDS) {
      Matcher m = pattern.matcher(line);
      if (m.find()) {
        return m;
      }
    }
    return null;
  }

  /** The pauses that ran between the two times (epoch ms). */
  public static List<Pause> between(List<Pause> pauses, double fromMs, double toMs) {
    return pauses.stream().filter(p -> p.overlaps(fromMs, toMs)).toList();
  }
}
