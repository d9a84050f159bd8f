package dev.spillway.bench;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** Progress on stdout, one timestamped line per figure, so a long run shows where it is. */
final class Log {
  private Log() {}

  static void line(String format, Object... args) {
    System.out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + String.format(format, args));
  }
}
