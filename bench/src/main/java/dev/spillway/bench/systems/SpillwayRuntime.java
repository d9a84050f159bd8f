package dev.spillway.bench.systems;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java runtime and memory flags the benchmark runs Spillway with. By default the image's:
 * proxy/Dockerfile's Java version ({@link #SHIPPED_FEATURE}) and collector flags ({@link
 * Launchers#SHIPPED_MEMORY_FLAGS}; ShippedJvmFlagsTest holds both equal to the Dockerfile's), so
 * the published figures are the product's. Another Java ({@code --spillway-java}, {@code
 * SPILLWAY_JAVA}) or other flags ({@code --spillway-jvm-flags}) make the run an experiment: allowed
 * for {@code --only} and {@code --compare} runs, which name the runtime in their results, never for
 * the full run that rewrites docs/benchmarks.md. The harness, the mock and the other systems run on
 * whatever Java started the harness.
 */
public record SpillwayRuntime(Path java, int feature, List<String> memoryFlags) {
  /** The major Java version of the proxy image (its {@code FROM gcr.io/distroless/java17-…}). */
  public static final int SHIPPED_FEATURE = 17;
  private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

  /**
   * @param java a JDK's home or its {@code bin/java}; null or blank for the harness's own
   * @param memoryFlags the collector flags; null or empty for the image's
   */
  public static SpillwayRuntime of(String java, List<String> memoryFlags) throws IOException {
    Path binary;
    if (java == null || java.isBlank()) {
      binary = Path.of(System.getProperty("java.home"), "bin", "java");
    } else {
      Path given = Path.of(java).toAbsolutePath();
      binary = Files.isDirectory(given) ? given.resolve("bin").resolve("java") : given;
    }
    if (!Files.isExecutable(binary)) {
      throw new IllegalArgumentException("--spillway-java: no Java at " + binary);
    }
    List<String> flags = memoryFlags == null || memoryFlags.isEmpty() ? Launchers.SHIPPED_MEMORY_FLAGS : List.copyOf(memoryFlags);
    return new SpillwayRuntime(binary, feature(binary), flags);
  }

  /** Whether this is what the image runs: its Java version and its memory flags. */
  public boolean shipped() {
    return feature == SHIPPED_FEATURE && memoryFlags.equals(Launchers.SHIPPED_MEMORY_FLAGS);
  }

  /** For results: {@code Java 17, -XX:+UseG1GC (the image's)}. */
  public String describe() {
    return phrase(feature < 0 ? "of unknown version" : Integer.toString(feature), memoryFlags)
        + (shipped() ? " (the image's)" : " (an experiment: not what the image runs)");
  }

  /** What the image runs, in the words of {@link #describe}: {@code Java 17, -XX:+UseG1GC}. */
  public static String image() {
    return phrase(Integer.toString(SHIPPED_FEATURE), Launchers.SHIPPED_MEMORY_FLAGS);
  }

  private static String phrase(String version, List<String> flags) {
    return "Java " + version + ", " + String.join(" ", flags);
  }

  /** The runtime's major version from its {@code release} file (next to {@code bin/}), or -1. */
  private static int feature(Path binary) throws IOException {
    Path home = binary.getParent() == null ? null : binary.getParent().getParent();
    Path release = home == null ? null : home.resolve("release");
    return release != null && Files.isRegularFile(release) ? feature(Files.readString(release)) : -1;
  }

  static int feature(String release) {
    Matcher m = VERSION.matcher(release);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }
}
