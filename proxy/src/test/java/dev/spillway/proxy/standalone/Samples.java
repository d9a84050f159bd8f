package dev.spillway.proxy.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The repository's samples/ folders, found from the module (or repository) directory. */
public final class Samples {
  private Samples() {}

  public static Path root() {
    Path here = Path.of("").toAbsolutePath();
    for (Path candidate : List.of(here.resolve("samples"), here.resolveSibling("samples"))) {
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no samples/ folder near " + here);
  }

  static List<Path> all() {
    try (Stream<Path> folders = Files.list(root())) {
      return folders.filter(Files::isDirectory).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A copy of a sample that a test may edit. */
  static Path copy(String name, Path into) {
    try (Stream<Path> files = Files.list(root().resolve(name))) {
      for (Path file : files.collect(Collectors.toList())) {
        Files.copy(file, into.resolve(file.getFileName().toString()));
      }
      return into;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
