package dev.spillway.bench.systems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpillwayRuntimeTest {
  @TempDir Path dir;

  @Test
  void readsTheMajorVersionOfAJdksReleaseFile() {
    assertThat(SpillwayRuntime.feature("IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"25.0.1\"\n")).isEqualTo(25);
    assertThat(SpillwayRuntime.feature("JAVA_VERSION=\"17.0.15\"")).isEqualTo(17);
    assertThat(SpillwayRuntime.feature("no version here")).isEqualTo(-1);
  }

  @Test
  void theImagesJavaWithTheImagesFlagsIsWhatShips() throws IOException {
    Path home = jdk(SpillwayRuntime.SHIPPED_FEATURE);

    SpillwayRuntime byHome = SpillwayRuntime.of(home.toString(), null);
    SpillwayRuntime byBinary = SpillwayRuntime.of(home.resolve("bin/java").toString(), List.of());

    assertThat(byHome.java()).isEqualTo(home.resolve("bin/java"));
    assertThat(byBinary).isEqualTo(byHome);
    assertThat(byHome.memoryFlags()).isEqualTo(Launchers.SHIPPED_MEMORY_FLAGS);
    assertThat(byHome.shipped()).isTrue();
    assertThat(byHome.describe()).isEqualTo(SpillwayRuntime.image() + " (the image's)");
  }

  @Test
  void anotherJavaOrOtherFlagsAreAnExperimentAndSaySo() throws IOException {
    SpillwayRuntime newer = SpillwayRuntime.of(jdk(25).toString(), null);
    SpillwayRuntime zgc = SpillwayRuntime.of(jdk(SpillwayRuntime.SHIPPED_FEATURE).toString(), List.of("-XX:+UseZGC"));

    assertThat(newer.shipped()).isFalse();
    assertThat(newer.describe()).startsWith("Java 25, ").contains("an experiment");
    assertThat(zgc.shipped()).isFalse();
    assertThat(zgc.memoryFlags()).containsExactly("-XX:+UseZGC");
    assertThat(zgc.describe()).contains("-XX:+UseZGC").contains("an experiment");
  }

  @Test
  void aJavaThatIsNotThereIsRefusedInOneLine() {
    assertThatThrownBy(() -> SpillwayRuntime.of(dir.resolve("nowhere").toString(), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--spillway-java")
        .hasMessageContaining("nowhere");
  }

  /** A JDK home with an executable bin/java and a release file of that major version. */
  private Path jdk(int feature) throws IOException {
    Path home = Files.createDirectories(dir.resolve("jdk-" + feature));
    Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
    Files.writeString(java, "#!/bin/sh\n");
    java.toFile().setExecutable(true);
    Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + feature + ".0.1\"\n");
    return home;
  }
}
