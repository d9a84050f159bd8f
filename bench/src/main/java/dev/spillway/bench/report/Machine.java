package dev.spillway.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The conditions of the run, as the doc must state them. */
final class Machine {
  private Machine() {}

  static String describe() {
    return String.format("Machine: %s, %d cores, %s RAM, load average %s at the end (the "
            + "run's own processes and anything else on the box); Java %s; everything on 127.0.0.1, the load generator on the same cores.",
        cpuModel(), Runtime.getRuntime().availableProcessors(), memory(), loadAverage(),
        System.getProperty("java.version"));
  }

  private static String cpuModel() {
    return read("/proc/cpuinfo").lines().filter(l -> l.startsWith("model name")).findFirst()
        .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
  }

  private static String memory() {
    return read("/proc/meminfo").lines().filter(l -> l.startsWith("MemTotal")).findFirst()
        .map(l -> Math.round(Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0) + " GB").orElse("?");
  }

  private static String loadAverage() {
    String[] parts = read("/proc/loadavg").split(" ");
    return parts.length >= 3 ? parts[0] + " / " + parts[1] + " / " + parts[2] : "?";
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      return "";
    }
  }
}
