package dev.spillway.operator.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Folders of the repository, found from the module directory Maven runs tests in. */
public final class RepoPaths {
  private RepoPaths() {}

  public static Path root() {
    Path here = Path.of("").toAbsolutePath();
    for (Path dir = here; dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("crds/generated")) && Files.isDirectory(dir.resolve("samples"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no repository root above " + here);
  }

  public static Path samples() {
    return root().resolve("samples");
  }

  public static Path generatedCrds() {
    return root().resolve("crds/generated");
  }

  public static Path chart() {
    return root().resolve("charts/spillway");
  }
}
