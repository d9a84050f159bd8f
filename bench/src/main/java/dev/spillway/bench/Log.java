package dev.spillway.bench;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** Progress on stdout, one timestamped line per figure, so a long run shows where it is. */
final class Log {
  /** Always with seconds: LocalTime's own toString drops ":00". */
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private Log() {}

  static void line(String format, Object... args) {
    System.out.println(LocalTime.now().format(TIME) + " " + String.format(format, args));
  }
}
