package dev.spillway.bench.systems;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The benchmark runs Spillway with the JVM settings the image ships, so its figures are the product's. */
class ShippedJvmFlagsTest {
  private static final Pattern ENTRYPOINT = Pattern.compile("(?m)^ENTRYPOINT\\s*\\[(.*)]\\s*$");

  private static final Pattern BASE_IMAGE = Pattern.compile("(?m)^FROM\\s+gcr\\.io/distroless/java(\\d+)-");

  @Test
  void theBenchmarksMemoryFlagsAreTheImages() throws IOException {
    List<String> image = entrypointFlags();

    List<String> memory = image.stream()
        .filter(flag -> !flag.contains("RAMPercentage") && !flag.equals("-XX:-UsePerfData") && !flag.startsWith("--add-modules"))
        .toList();
    assertThat(memory).containsExactlyInAnyOrderElementsOf(Launchers.SHIPPED_MEMORY_FLAGS);
  }

  @Test
  void theBenchmarkRunsSpillwayOnTheImagesJavaVersion() throws IOException {
    Matcher from = BASE_IMAGE.matcher(Files.readString(repositoryRoot().resolve("proxy/Dockerfile")));

    assertThat(from.find()).as("proxy/Dockerfile starts FROM a distroless Java image").isTrue();
    assertThat(Integer.parseInt(from.group(1))).isEqualTo(SpillwayRuntime.SHIPPED_FEATURE);
  }

  @Test
  void theBenchmarkLoadsTheModulesTheImageLoads() throws IOException {
    List<String> modules = entrypointFlags().stream().filter(flag -> flag.startsWith("--add-modules")).toList();
    assertThat(modules).contains("--add-modules=jdk.incubator.vector").containsExactlyInAnyOrderElementsOf(Launchers.SHIPPED_MODULES);
  }

  /** The JVM options of proxy/Dockerfile's ENTRYPOINT (the words between "java" and "-jar"). */
  private static List<String> entrypointFlags() throws IOException {
    Matcher m = ENTRYPOINT.matcher(Files.readString(repositoryRoot().resolve("proxy/Dockerfile")));
    assertThat(m.find()).as("proxy/Dockerfile has an exec-form ENTRYPOINT").isTrue();
    List<String> words = new ArrayList<>();
    for (String word : m.group(1).split(",")) {
      words.add(word.trim().replaceAll("^\"|\"$", ""));
    }
    assertThat(words.get(0)).isEqualTo("java");
    return words.subList(1, words.indexOf("-jar"));
  }

  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("proxy/Dockerfile")) && Files.isDirectory(dir.resolve("bench"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
  }
}
